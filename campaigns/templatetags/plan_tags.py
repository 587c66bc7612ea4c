"""Template helpers of the plan pages: a task assignment's state badge."""

from django import template

from accounts.models import Role

register = template.Library()

BADGES = {
    "done": ("success", "Đã hoàn thành"),
    "overdue": ("danger", "Quá hạn"),
    "at_risk": ("warning", "Sắp đến hạn"),
    "open": ("secondary", "Chưa đến hạn"),
}


@register.inclusion_tag("campaigns/plans/_state_badge.html")
def assignment_badge(assignment, today):
    state = assignment.state(today)
    tone, label = BADGES[state]
    if state == "overdue":
        label = f"Quá hạn {assignment.days_late(today)} ngày"
    elif state == "done":
        late = assignment.days_late(today)
        label = f"Xong, muộn {late} ngày" if late else "Đã hoàn thành"
    return {"tone": tone, "label": label, "status": assignment.get_status_display(), "state": state}


@register.simple_tag(takes_context=True)
def plan_tabs(context):
    """Which tabs of the plans area this person sees."""
    scope = context["request"].scope
    managers = scope.has_role(Role.PROVINCE_STAFF, Role.OFFICER)
    followers = scope.has_role(Role.PROVINCE_STAFF, Role.OFFICER, Role.REVIEWER, Role.OBSERVER)
    tabs = [("plans", "plans:plan_list", "Kế hoạch")]
    if managers:
        tabs.append(("tasks", "plans:my_tasks", "Việc được giao"))
    if followers:
        tabs += [
            ("followup", "plans:followup", "Theo dõi, đôn đốc"),
            ("urgings", "plans:urging_list", "Công văn đôn đốc"),
            ("inspections", "plans:inspection_list", "Kiểm tra, giám sát"),
        ]
    tabs += [("commemorations", "plans:commemoration_list", "Kỷ niệm 90 năm"), ("campaigns", "plans:campaign_list", "Phong trào")]
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
