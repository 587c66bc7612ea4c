"""The editable list of fields of work ("lĩnh vực"), kept by provincial staff."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.scope import Scope
from campaigns.services import require_open
from core import figures as core_figures
from registrations.models import Field


def field_save(*, by, campaign=None, name: str, position: int = 0, is_active: bool = True, field: Field | None = None) -> Field:
    """Create a field of a campaign year, or rename / reorder / retire one. A field in use is
    retired, never deleted, so registrations keep theirs."""
    if not Scope.for_user(by).is_province_staff:
        raise PermissionDenied(_("Chỉ cán bộ Ủy ban MTTQ tỉnh quản lý danh mục lĩnh vực."))
    campaign = field.campaign if field is not None else campaign
    require_open(campaign)
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Hãy nhập tên lĩnh vực.")})
    clash = Field.objects.filter(campaign=campaign, name__iexact=name)
    if field is not None:
        clash = clash.exclude(pk=field.pk)
    if clash.exists():
        raise ValidationError({"name": _("Đã có lĩnh vực “%(name)s”.") % {"name": name}})
    with transaction.atomic():
        field = field or Field(campaign=campaign)
        field.name, field.position, field.is_active = name, position, is_active
        field._history_user = by
        field.save()
        core_figures.renamed()  # the dashboards' chart names every field
    return field


# The list a campaign starts with when it follows no earlier year (the product owner's list).
DEFAULT_FIELDS = ["Kinh tế", "Văn hóa - xã hội", "Quốc phòng - an ninh", "Xây dựng hệ thống chính trị", "Khác"]  # vi-only


def fields_ensure_defaults(campaign) -> None:
    """Give a campaign the starting fields when it has none (a first year; the demo; tests). A list
    someone already edited is left alone."""
    if Field.objects.filter(campaign=campaign).exists():
        return
    for position, name in enumerate(DEFAULT_FIELDS, start=1):
        Field.objects.get_or_create(campaign=campaign, name=name, defaults={"position": position * 10})
    core_figures.renamed()


def fields_carry_over(*, source, target, by) -> str:
    """campaigns.carry_over step: the new year starts with the fields in use the year before."""
    if source is None:
        fields_ensure_defaults(target)
    else:
        for f in Field.objects.filter(campaign=source, is_active=True).order_by("position", "name"):
            Field.objects.get_or_create(campaign=target, name=f.name, defaults={"position": f.position})
    n = Field.objects.filter(campaign=target).count()
    return ngettext("%(n)s lĩnh vực", "%(n)s lĩnh vực", n) % {"n": n}
