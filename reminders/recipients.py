"""Who a reminder goes to: the active officers of a unit (provincial staff for the province; the
members of a department, e.g. Ban Tuyên giáo, when a task is addressed to it). One query for any
number of units."""

from collections import defaultdict

from django.db.models import Q

from accounts.models import Membership
from core.roles import Role


def officers_by_unit(unit_ids) -> dict[int, list]:
    unit_ids = {u for u in unit_ids if u}
    if not unit_ids:
        return {}
    memberships = (
        Membership.objects.active()
        .filter(unit_id__in=unit_ids)
        .filter(Q(role__in=[Role.OFFICER, Role.PROVINCE_STAFF]) | Q(role=Role.REVIEWER, unit__level="department"))
        .select_related("user")
        .order_by("user__full_name", "user__username", "id")
    )
    people: dict[int, list] = defaultdict(list)
    for m in memberships:
        if all(p.pk != m.user.pk for p in people[m.unit_id]):
            people[m.unit_id].append(m.user)
    return dict(people)
