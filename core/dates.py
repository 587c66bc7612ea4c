"""Dates as Vietnamese users write them, and the day arithmetic the portal's deadlines use.

- short: 10/6/2020 (no leading zeros), the everyday form in lists and forms;
- long: "ngày 10 tháng 6 năm 2020", in sentences ("10 June 2020" on English pages);
- document: "ngày 05 tháng 02 năm 2020": NĐ 30/2020 puts a leading zero on days below 10 and on
  months 1 and 2 in the place-and-date line of an administrative document.
"""

import datetime as dt

from django.utils import timezone, translation
from django.utils.dates import MONTHS


def _as_date(value):
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def short_date(value) -> str:
    d = _as_date(value)
    return f"{d.day}/{d.month}/{d.year}" if d else ""


def long_date(value) -> str:
    d = _as_date(value)
    if not d:
        return ""
    if (translation.get_language() or "vi").startswith("en"):
        return f"{d.day} {MONTHS[d.month]} {d.year}"
    return f"ngày {d.day} tháng {d.month} năm {d.year}"  # vi-only: the Vietnamese form itself


def document_date(value) -> str:
    d = _as_date(value)
    if not d:
        return ""
    day = f"{d.day:02d}"
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {day} tháng {month} năm {d.year}"  # vi-only: documents are Vietnamese


def short_datetime(value) -> str:
    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{local:%H:%M} {short_date(local)}"


def end_of_day(day: dt.date) -> dt.datetime:
    """The last instant of a calendar day in the portal's time zone (Asia/Ho_Chi_Minh)."""
    tz = timezone.get_current_timezone()
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=tz) - dt.timedelta(microseconds=1)


def local_day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()
