"""Turns each django-simple-history record into an AuditEvent with the field-level changes.

Any model with `history = HistoricalRecords()` is audited. The unit of a record is found from
its `unit` attribute (or `audit_unit()` when a model defines it), so the trail can be filtered
by subtree.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from simple_history.signals import post_create_historical_record

from audit.models import AuditEvent
from core.dates import short_date, short_datetime
from core.text import nfc

SKIPPED_FIELDS = {"version", "search_key", "updated_at", "modified_at", "last_login", "password"}
MAX_VALUE = 500


def _display(value, field=None):
    """The value as a person reads it: Vietnamese dates and times, Có/Không, the related record's
    name rather than its id."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        return short_datetime(value)
    if isinstance(value, dt.date):
        return short_date(value)
    if isinstance(value, bool):
        return "Có" if value else "Không"  # vi-only (stored in the trail)
    if isinstance(value, Decimal):
        value = value.normalize()
    if field is not None and field.is_relation and field.many_to_one:
        related = field.related_model._default_manager.filter(pk=value).first()
        if related is not None:
            value = related
    text = nfc(str(value))
    return text if len(text) <= MAX_VALUE else text[:MAX_VALUE] + "…"


def _unit_of(instance):
    finder = getattr(instance, "audit_unit", None)
    if callable(finder):
        return finder()
    return getattr(instance, "unit", None)


def _changes(history_instance, model) -> list[dict]:
    previous = history_instance.prev_record
    if previous is None or history_instance.history_type != "~":
        return []
    delta = history_instance.diff_against(previous)
    result = []
    for change in delta.changes:
        if change.field in SKIPPED_FIELDS:
            continue
        try:
            field = model._meta.get_field(change.field)
            label = str(field.verbose_name)
        except Exception:
            field, label = None, change.field
        old, new = change.old, change.new
        if field is not None and getattr(field, "choices", None):
            choices = dict(field.flatchoices)
            old, new = choices.get(old, old), choices.get(new, new)
        result.append({"field": change.field, "label": label, "old": _display(old, field), "new": _display(new, field)})
    return result


def record(sender, instance, history_instance, history_user=None, **kwargs):
    # What the trail stores (names of models and fields, choice labels, the record's name) is
    # data: written in Vietnamese whatever language the person making the change reads.
    with translation.override(settings.LANGUAGE_CODE):
        _record(instance, history_instance, history_user)


def _record(instance, history_instance, history_user):
    model = type(instance)
    unit = _unit_of(instance)
    changes = _changes(history_instance, model)
    if history_instance.history_type == "~" and not changes and history_instance.prev_record is not None:
        return  # only skipped fields changed (e.g. a version bump): nothing a person would call a change
    AuditEvent.objects.create(
        at=history_instance.history_date,
        user=history_user,
        action=history_instance.history_type,
        model_label=model._meta.label_lower,
        model_name=str(model._meta.verbose_name),
        object_id=str(instance.pk),
        object_repr=_display(instance)[:300],
        unit=unit if getattr(unit, "pk", None) else None,
        unit_path=getattr(unit, "path", "") or "",
        reason=(history_instance.history_change_reason or "")[:300],
        changes=changes,
    )


post_create_historical_record.connect(record, dispatch_uid="audit.recorder.record")
