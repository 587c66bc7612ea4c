"""The editable list of fields of work ("lĩnh vực"), kept by provincial staff."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts.scope import Scope

from ..models import Field


def field_save(*, by, name: str, position: int = 0, is_active: bool = True, field: Field | None = None) -> Field:
    """Create a field, or rename / reorder / retire one. A field in use is retired, never deleted,
    so past registrations keep theirs."""
    if not Scope.for_user(by).is_province_staff:
        raise PermissionDenied("Chỉ cán bộ Ủy ban MTTQ tỉnh quản lý danh mục lĩnh vực.")
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": "Hãy nhập tên lĩnh vực."})
    clash = Field.objects.filter(name__iexact=name)
    if field is not None:
        clash = clash.exclude(pk=field.pk)
    if clash.exists():
        raise ValidationError({"name": f"Đã có lĩnh vực “{name}”."})
    with transaction.atomic():
        field = field or Field()
        field.name, field.position, field.is_active = name, position, is_active
        field._history_user = by
        field.save()
    return field
