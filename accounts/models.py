"""People and their roles. A user holds memberships (unit, role); what a membership sees is its
unit's subtree (see accounts/scope.py, the one place where that rule lives)."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import NFCCharField, SearchKeyField
from core.roles import Role


class User(AbstractUser):
    full_name = NFCCharField(_("họ và tên"), max_length=150)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    must_change_password = models.BooleanField(_("phải đổi mật khẩu khi đăng nhập"), default=False)
    search_key = SearchKeyField(sources=("full_name", "username", "email"))

    objects = UserManager()

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        ordering = ["full_name", "username"]

    def __str__(self):
        return self.full_name or self.username

    def get_full_name(self):
        return self.full_name or self.username

    def get_short_name(self):
        return (self.full_name or self.username).split()[-1]


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, user__is_active=True)

    def officers_of(self, unit):
        return self.active().filter(unit=unit, role__in=[Role.OFFICER, Role.PROVINCE_STAFF])


class Membership(models.Model):
    user = models.ForeignKey(User, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    position = NFCCharField(_("chức vụ"), max_length=200, blank=True)
    is_active = models.BooleanField(_("còn hiệu lực"), default=True)
    # The day the role was ended or moved to a successor unit after a map change (the reform page);
    # the row is kept, so who held what where stays readable. A lock's day is in the history.
    ended_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    created_by = models.ForeignKey(
        User, verbose_name=_("người tạo"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("vai trò tại đơn vị")
        verbose_name_plural = _("vai trò tại đơn vị")
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique")]
        indexes = [models.Index(fields=["unit", "role"], name="membership_unit_role")]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.unit}"
