"""The roles a membership gives, and the groups of roles the rooms' access rules ask about. One
place for both: every app's access.py reads them (the units room too, which sits below accounts)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROVINCE_STAFF = "province_staff", _("Cán bộ Ủy ban MTTQ tỉnh")
    REVIEWER = "reviewer", _("Ban Tuyên giáo (nhận báo cáo)")
    OFFICER = "officer", _("Cán bộ phụ trách đơn vị")
    CADRE = "cadre", _("Cán bộ, đảng viên")
    OBSERVER = "observer", _("Theo dõi (chỉ xem)")


# Work on a unit's business (plans, registrations, reports); the others only read or act on their own records.
MANAGERS = frozenset({Role.PROVINCE_STAFF, Role.OFFICER})
# See the whole subtree of their committee (everyone but cadres, who see their own records).
FOLLOWERS = frozenset({Role.PROVINCE_STAFF, Role.REVIEWER, Role.OFFICER, Role.OBSERVER})
# Receive what lower units send up (reports): Ban Tuyên giáo and provincial staff.
RECEIVERS = frozenset({Role.REVIEWER, Role.PROVINCE_STAFF})
