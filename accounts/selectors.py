"""Reads about people that several rooms share."""

from django.db.models import Count, OuterRef, Q, Subquery

from accounts.models import Membership
from core.roles import Role
from core.text import fold
from units.models import Unit


def officers_of(units) -> list:
    """The active people who act for these committees (officers, and provincial staff of the province)."""
    unit_ids = [u.pk for u in units]
    memberships = (
        Membership.objects.active()
        .filter(unit_id__in=unit_ids, role__in=[Role.OFFICER, Role.PROVINCE_STAFF])
        .select_related("user")
        .order_by("user_id")
    )
    return [m.user for m in memberships]


# --- the reform page: people whose unit closed in a map change ------------------------------------
def _under(paths, field: str) -> Q:
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{field}__startswith": path})
    return q


def reform_pending(paths):
    """Active roles held at units that have closed, under these paths (a scope's `staff_paths`),
    each annotated with `successor_id`: the open unit with the same code under the same paths (the
    commune that kept its code), or None. One query, whatever the number of rows."""
    successor = Unit.objects.open().filter(_under(paths, "path"), code=OuterRef("unit__code")).values("pk")[:1]
    return (
        Membership.objects.filter(_under(paths, "unit__path"), is_active=True, unit__valid_to__isnull=False)
        .annotate(successor_id=Subquery(successor))
        .order_by("unit__path", "unit__valid_from", "unit_id", "role", "user__full_name", "pk")
    )


def reform_counts(paths) -> dict:
    """{"total": roles to move, "with_successor": of which a successor is proposed}."""
    counts = reform_pending(paths).order_by().aggregate(total=Count("pk"), with_successor=Count("successor_id"))
    return {key: value or 0 for key, value in counts.items()}


def reform_province_path(unit, paths) -> str | None:
    """The path of the open province a closed unit lay in (when it is still open and under these
    paths): the people of the unit move to a commune-level unit of it."""
    parts = unit.path.strip("/").split("/")
    prefixes = ["/" + "/".join(parts[:i]) + "/" for i in range(1, len(parts) + 1)]
    province = (
        Unit.objects.open().filter(_under(paths, "path"), level=Unit.Level.PROVINCE, path__in=prefixes).order_by("-depth").first()
    )
    return province.path if province else None


def reform_targets(*, unit, paths, query: str = "", limit: int = 30) -> tuple[list, int, bool]:
    """Where the people of a closed unit may move: the open commune-level units under these paths
    (and under the unit's province while it stays open).

    With a query: those whose name or code contains every folded word of it. Without one: the
    suggestions, the open units that kept the code of a unit of the closed unit's former area (a
    district's communes; a commune's district) and closed with it. Returns (the first `limit`
    units, how many match, whether they are suggestions)."""
    targets = Unit.objects.open().filter(_under(paths, "path"), level=Unit.Level.COMMUNE)
    province_path = reform_province_path(unit, paths)
    if province_path:
        targets = targets.filter(path__startswith=province_path)
    words = fold(query).split()
    if words:
        for word in words:
            targets = targets.filter(search_key__contains=word)
        suggested = False
    else:
        committee = unit.committee
        area = committee
        if committee.level == Unit.Level.COMMUNE and committee.parent and committee.parent.level == Unit.Level.DISTRICT:
            area = committee.parent
        closed_with_it = Unit.objects.filter(path__startswith=area.path, valid_to=unit.valid_to).values("code")
        targets = targets.filter(code__in=closed_with_it)
        suggested = True
    targets = targets.order_by("search_key", "code")  # alphabetical, diacritics aside
    found = list(targets[: limit + 1])
    total = len(found) if len(found) <= limit else targets.count()
    return found[:limit], total, suggested
