"""Template helpers of the plan pages: a task assignment's state badge."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.roles import Role

register = template.Library()

BADGES = {
    "done": ("success", gettext_lazy("Đã hoàn thành")),
    "overdue": ("danger", gettext_lazy("Quá hạn")),
    "at_risk": ("warning", gettext_lazy("Sắp đến hạn")),
    "open": ("secondary", gettext_lazy("Chưa đến hạn")),
}


@register.inclusion_tag("plans/_state_badge.html")
def assignment_badge(assignment, today):
    state = assignment.state(today)
    tone, label = BADGES[state]
    if state == "overdue":
        days = assignment.days_late(today)
        label = ngettext("Quá hạn %(n)s ngày", "Quá hạn %(n)s ngày", days) % {"n": days}
    elif state == "done":
        late = assignment.days_late(today)
        label = ngettext("Xong, muộn %(n)s ngày", "Xong, muộn %(n)s ngày", late) % {"n": late} if late else _("Đã hoàn thành")
    return {"tone": tone, "label": label, "status": assignment.get_status_display(), "state": state}


@register.simple_tag(takes_context=True)
def plan_tabs(context):
    """Which tabs of the plans area this person sees."""
    scope = context["request"].scope
    managers = scope.has_role(Role.PROVINCE_STAFF, Role.OFFICER)
    followers = scope.has_role(Role.PROVINCE_STAFF, Role.OFFICER, Role.REVIEWER, Role.OBSERVER)
    tabs = [("plans", "plans:plan_list", _("Kế hoạch"))]
    if managers:
        tabs.append(("tasks", "plans:my_tasks", _("Việc được giao")))
    if followers:
        tabs += [
            ("followup", "plans:followup", _("Theo dõi, đôn đốc")),
            ("urgings", "plans:urging_list", _("Công văn đôn đốc")),
            ("inspections", "plans:inspection_list", _("Kiểm tra, giám sát")),
        ]
    tabs += [
        ("commemorations", "campaigns:commemoration_list", _("Kỷ niệm 90 năm")),
        ("campaigns", "campaigns:campaign_list", _("Phong trào")),
    ]
    return tabs


@register.filter
def get_item(mapping, key):
    """mapping|get_item:key — a dict lookup in templates (None when missing)."""
    if not mapping:
        return None
    return mapping.get(key)


@register.filter
def end_mark(text):
    """The closing mark of an administrative document: "… kế hoạch." → "… kế hoạch./."."""
    text = (text or "").rstrip()
    if text.endswith("./."):
        return text
    return text.rstrip(".") + "./."
