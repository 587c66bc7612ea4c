from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render

from core.roles import Role
from core.text import fold
from units.access import get_unit_for, map_date_of, require_follower


@login_required
def units(request):
    """The visible units: the user's own committee, or a search across the visible subtrees."""
    require_follower(request)
    scope = request.scope
    q = (request.GET.get("q") or "").strip()[:100]
    if not q:
        home = scope.home_unit
        return redirect("units:unit_detail", code=home.code)
    found = (
        scope.visible_units()
        .valid_on(map_date_of(request))
        .filter(search_key__contains=fold(q))
        .select_related("parent")
        .order_by("depth", "position")
    )
    page = Paginator(found, 50).get_page(request.GET.get("trang"))
    return render(request, "units/unit_search.html", {"q": q, "page": page})


@login_required
def unit_detail(request, code: str):
    require_follower(request)
    scope = request.scope
    unit = get_unit_for(request, code)
    active = Q(memberships__is_active=True, memberships__user__is_active=True)
    children = (
        unit.children.valid_on(map_date_of(request))
        .annotate(
            officers=Count(
                "memberships", filter=active & Q(memberships__role__in=[Role.OFFICER, Role.PROVINCE_STAFF]), distinct=True
            ),
            cadres=Count("memberships", filter=active & Q(memberships__role=Role.CADRE), distinct=True),
        )
        .order_by("level", "position")
    )
    ancestors = [a for a in unit.ancestors() if scope.sees_unit(a)]
    members = (
        unit.memberships.filter(is_active=True, user__is_active=True).select_related("user").order_by("role", "user__full_name")
    )
    return render(
        request,
        "units/unit_detail.html",
        {
            "unit": unit,
            "children": children,
            "ancestors": ancestors,
            "members": members,
            "can_manage": scope.manages(unit),
        },
    )
