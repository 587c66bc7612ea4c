"""Reminder steps: days relative to a due date (-14 … -1 before it, 0 the due day, 1 … after it).

On a day D the step that is due for a deadline is the last configured step whose date is on or
before D. Only that one is sent, and only if no step at or after it was sent already: after days
the sweep did not run (Redis or the worker down), the next sweep sends the latest step, not a
burst of the ones it missed.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext, ngettext

DEFAULT_DAYS_BEFORE = "14, 7, 3, 1"
DEFAULT_DAYS_AFTER = "1, 7"
MAX_DAYS = 365


def parse_days(text: str) -> list[int]:
    """ "14, 7, 3,1" → [14, 7, 3, 1]; a clear Vietnamese message for anything else."""
    days = []
    for part in (text or "").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit():
            raise ValidationError(f"“{part}” không phải là một số ngày; hãy nhập các số nguyên dương cách nhau bằng dấu phẩy.")
        value = int(part)
        if not 1 <= value <= MAX_DAYS:
            raise ValidationError(f"Số ngày phải từ 1 đến {MAX_DAYS} (nhận được {value}).")
        days.append(value)
    return sorted(set(days), reverse=True)


def offsets_from(days_before: str, on_due_day: bool, days_after: str) -> list[int]:
    offsets = [-d for d in parse_days(days_before)]
    if on_due_day:
        offsets.append(0)
    offsets.extend(parse_days(days_after))
    return sorted(set(offsets))


DEFAULT_OFFSETS = offsets_from(DEFAULT_DAYS_BEFORE, True, DEFAULT_DAYS_AFTER)


def due_step(due_on: dt.date, day: dt.date, offsets: list[int]) -> int | None:
    """The last step whose date (due_on + step) is on or before `day`; None before the first one."""
    found = None
    for step in sorted(offsets):
        if due_on + dt.timedelta(days=step) <= day:
            found = step
        else:
            break
    return found


def step_label(step: int) -> str:
    """A reminder step as the pages show it, in the reader's language."""
    if step < 0:
        return ngettext("Nhắc trước hạn %(days)s ngày", "Nhắc trước hạn %(days)s ngày", -step) % {"days": -step}
    if step == 0:
        return gettext("Nhắc vào ngày hạn")
    return ngettext("Báo quá hạn %(days)s ngày", "Báo quá hạn %(days)s ngày", step) % {"days": step}


def short_step_label(step: int) -> str:
    if step < 0:
        return f"trước hạn {-step} ngày"
    if step == 0:
        return "ngày hạn"
    return f"quá hạn {step} ngày"
