from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from accounts.models import Role
from accounts.scope import require_roles, unit_for_view
from campaigns.models import Campaign

from ..selectors import unit_statistics

VIEWERS = (Role.PROVINCE_STAFF, Role.REVIEWER, Role.OFFICER, Role.OBSERVER)


@login_required
def statistics(request):
    """Figures per unit of the subtree, one level at a time (a unit's row opens its own level)."""
    require_roles(request, *VIEWERS)
    scope = request.scope
    code = request.GET.get("don_vi")
    root = unit_for_view(request, code) if code else scope.home_unit
    campaigns = list(Campaign.objects.order_by("-year"))
    year = request.GET.get("nam")
    campaign = next((c for c in campaigns if str(c.year) == year), None) or Campaign.current()
    stats = unit_statistics(root=root, campaign=campaign) if campaign else None
    ancestors = [a for a in root.ancestors() if scope.sees_unit(a)]
    return render(
        request,
        "registrations/statistics.html",
        {"root": root, "stats": stats, "campaign": campaign, "campaigns": campaigns, "ancestors": ancestors},
    )
