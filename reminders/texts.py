"""The words of a reminder (Vietnamese). The number of days is counted from the day the sweep runs,
so a reminder sent late after missed days says how much time is really left."""

import datetime as dt

from core.dates import short_date
from core.text import fold
from reminders.subjects import REPORT

KIND_REMINDER = "deadline_reminder"
KIND_OVERDUE = "deadline_overdue"
KIND_OVERDUE_BELOW = "deadline_overdue_below"


def _what(c) -> str:
    """ "báo cáo sơ kết 6 tháng đầu năm 2020" for a period titled "Báo cáo sơ kết …", else the title in quotes."""
    if c.kind == REPORT:
        if fold(c.title).startswith("bao cao "):
            return c.title[:1].lower() + c.title[1:]
        return f"báo cáo “{c.title}”"
    return f"nhiệm vụ “{c.title}”"


def _done_verb(c) -> str:
    return "gửi" if c.kind == REPORT else "hoàn thành"


def own_message(c, day: dt.date) -> tuple[str, str, str]:
    """(kind, title, body) of the notice to the unit's own officers."""
    due = short_date(c.due_on)
    verb = _done_verb(c)
    if day < c.due_on:
        left = (c.due_on - day).days
        title = f"Còn {left} ngày đến hạn {verb} {_what(c)} (hạn {due})"
        body = f"{c.unit.committee_name} chưa {verb} {_what(c)}. Hạn {verb}: hết ngày {due}."
        kind = KIND_REMINDER
    elif day == c.due_on:
        title = f"Hôm nay ({due}) là hạn {verb} {_what(c)}"
        body = f"{c.unit.committee_name} chưa {verb} {_what(c)}. Hạn {verb}: hết ngày hôm nay, {due}."
        kind = KIND_REMINDER
    else:
        late = (day - c.due_on).days
        title = f"Quá hạn {late} ngày: chưa {verb} {_what(c)} (hạn {due})"
        body = f"{c.unit.committee_name} chưa {verb} {_what(c)}, đã quá hạn {late} ngày (hạn {due}). Cấp trên đã được thông báo."
        kind = KIND_OVERDUE
    if c.detail:
        body += "\n" + c.detail
    return kind, title, body


def upper_message(group: list, day: dt.date) -> tuple[str, str, str]:
    """(kind, title, body) of the one notice to the upper level about its late units."""
    first = group[0]
    due = short_date(first.due_on)
    late = (day - first.due_on).days
    verb = _done_verb(first)
    if len(group) == 1:
        title = f"{first.unit.name} chưa {verb} {_what(first)}, quá hạn {late} ngày"
    else:
        title = f"{len(group)} đơn vị chưa {verb} {_what(first)}, quá hạn {late} ngày"
    lines = [f"Hạn {verb}: {due}. Đơn vị chưa {verb}:"]
    lines += [f"- {c.unit.name}" for c in group]
    if first.detail:
        lines.append(first.detail)
    return KIND_OVERDUE_BELOW, title, "\n".join(lines)
