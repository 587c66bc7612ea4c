"""The editable list of fields of work ("lĩnh vực"), kept by provincial staff."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.scope import Scope
from core import figures as core_figures
from registrations.models import Field


def field_save(*, by, name: str, position: int = 0, is_active: bool = True, field: Field | None = None) -> Field:
    """Create a field, or rename / reorder / retire one. A field in use is retired, never deleted,
    so past registrations keep theirs."""
    if not Scope.for_user(by).is_province_staff:
        raise PermissionDenied(_("Chỉ cán bộ Ủy ban MTTQ tỉnh quản lý danh mục lĩnh vực."))
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Hãy nhập tên lĩnh vực.")})
    clash = Field.objects.filter(name__iexact=name)
    if field is not None:
        clash = clash.exclude(pk=field.pk)
    if clash.exists():
        raise ValidationError({"name": _("Đã có lĩnh vực “%(name)s”.") % {"name": name}})
    with transaction.atomic():
        field = field or Field()
        field.name, field.position, field.is_active = name, position, is_active
        field._history_user = by
        field.save()
        core_figures.renamed()  # the dashboards' chart names every field
    return field


# The list the data migration 0002 starts with.
DEFAULT_FIELDS = ["Kinh tế", "Văn hóa - xã hội", "Quốc phòng - an ninh", "Xây dựng hệ thống chính trị", "Khác"]  # vi-only


def fields_ensure_defaults() -> None:
    """Put back the starting fields when the table is empty (the demo on a flushed database, tests
    after a transactional test emptied every table). A list someone already edited is left alone."""
    if Field.objects.exists():
        return
    for position, name in enumerate(DEFAULT_FIELDS, start=1):
        Field.objects.get_or_create(name=name, defaults={"position": position * 10})
    core_figures.renamed()
