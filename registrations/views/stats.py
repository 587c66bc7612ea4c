from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from accounts.scope import require_roles
from campaigns.selection import years_of
from core.roles import FOLLOWERS
from registrations.selectors import unit_statistics
from units.access import get_unit_for


@login_required
def statistics(request):
    """Figures per unit of the subtree, one level at a time (a unit's row opens its own level)."""
    require_roles(request, *FOLLOWERS)
    scope = request.scope
    code = request.GET.get("don_vi")
    root = get_unit_for(request, code) if code else scope.home_unit
    years = years_of(request)
    campaigns, campaign = years.all, years.selected
    stats = unit_statistics(root=root, campaign=campaign) if campaign else None
    ancestors = [a for a in root.ancestors() if scope.sees_unit(a)]
    return render(
        request,
        "registrations/statistics.html",
        {"root": root, "stats": stats, "campaign": campaign, "campaigns": campaigns, "ancestors": ancestors},
    )
