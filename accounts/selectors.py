"""Reads about people that several rooms share."""

from accounts.models import Membership
from core.roles import Role


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
