"""Optimistic locking: the second save of a stale form is refused, never silently applied.

Models inherit `Versioned`; forms carry the loaded version in a hidden `VersionField`; services
call `bump_version(instance, expected=...)` inside their transaction before writing.
"""

from django.db import models
from django.db.models import F
from django.utils.translation import gettext as _

from core.dates import short_datetime


class Versioned(models.Model):
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class StaleObjectError(Exception):
    """Someone saved the object after this user loaded it."""

    def __init__(self, instance, expected_version, changes=None):
        self.instance = instance
        self.expected_version = expected_version
        self.changes = changes or []
        super().__init__(
            f"{instance.__class__.__name__} {instance.pk}: loaded version {expected_version}, now {instance.version}"
        )


def changes_since(instance, version) -> list[tuple[str, object, object]]:
    """(field label, value then, value now) between the loaded version and the current row.

    Uses the simple-history record of that version when the model keeps history.
    """
    history = getattr(instance, "history", None)
    if history is None:
        return []
    then = history.filter(version=version).order_by("-history_date").first()
    now = history.order_by("-history_date").first()
    if then is None or now is None or then.pk == now.pk:
        return []
    delta = now.diff_against(then, excluded_fields=["version", "search_key", "updated_at"])
    result = []
    for change in delta.changes:
        try:
            label = instance._meta.get_field(change.field).verbose_name
        except Exception:
            label = change.field
        result.append((str(label), change.old, change.new))
    return result


def bump_version(instance, *, expected: int) -> None:
    """Atomically move the row from `expected` to `expected + 1`, or raise StaleObjectError.

    Call inside the service's transaction, before saving the new values.
    """
    model = type(instance)
    updated = model._default_manager.filter(pk=instance.pk, version=expected).update(version=F("version") + 1)
    if updated != 1:
        current = model._default_manager.get(pk=instance.pk)
        raise StaleObjectError(current, expected, changes_since(current, expected))
    instance.version = expected + 1


# --- a refused stale save, shown in the form ---------------------------------------------------------
def stale_errors(exc: StaleObjectError) -> list[str]:
    """What someone else changed, for the form's error box (the user's input stays in the form)."""
    lines = [_("Người khác vừa lưu nội dung này sau khi bạn mở trang; nội dung bạn nhập chưa được ghi và vẫn còn trong ô nhập.")]
    for label, then, now in exc.changes[:8]:
        lines.append(
            _("Đã đổi “%(field)s”: từ “%(old)s” thành “%(new)s”.") % {"field": label, "old": _short(then), "new": _short(now)}
        )
    lines.append(_("Hãy xem lại và bấm lưu lần nữa nếu vẫn muốn ghi nội dung của bạn."))
    return lines


def _short(value) -> str:
    if value is None or value == "":
        return _("(trống)")
    if hasattr(value, "tzinfo"):
        return short_datetime(value)
    text = str(value)
    return text if len(text) <= 80 else text[:80] + "…"


def refresh_version(form, version: int) -> None:
    """After a refused stale save, the re-rendered form carries the current version, so saving
    again (after reading what changed) is accepted."""
    form.data = form.data.copy()
    form.data[form.add_prefix("version")] = str(version)


def stale_form(form, exc: StaleObjectError, *, lead: str | None = None, changes: bool = True, refresh: bool = True) -> None:
    """Show a refused stale save in the form: the lead line (or the standard one), what the other
    person changed (in the error list, or `form.stale_changes` for a page that shows them in a
    panel), and carry the current version so that saving again is a deliberate choice. The user's
    input stays in the form."""
    lines = stale_errors(exc) if changes else [stale_errors(exc)[0]]
    if lead is not None:
        lines[0] = lead
    for line in lines:
        form.add_error(None, line)
    form.stale_changes = exc.changes
    if refresh:
        refresh_version(form, exc.instance.version)
