from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.selection import selected_campaign
from core import home
from core.roles import Role
from registrations.models import Registration
from registrations.selectors import awaiting_q

Status = Registration.Status
TONES = {
    Status.DRAFT: "secondary",
    Status.SUBMITTED: "info",
    Status.RETURNED: "danger",
    Status.APPROVED: "primary",
    Status.IN_PROGRESS: "primary",
    Status.COMPLETED: "success",
    Status.EVALUATED: "success",
}
NEXT_STEP = {
    Status.DRAFT: gettext_lazy("Hoàn thiện và gửi duyệt"),
    Status.RETURNED: gettext_lazy("Sửa theo ý kiến và gửi lại"),
    Status.APPROVED: gettext_lazy("Cập nhật tiến độ"),
    Status.IN_PROGRESS: gettext_lazy("Cập nhật tiến độ, báo cáo hoàn thành"),
}


@home.register(order=20)
def my_tasks(request, scope):
    """Cadres: their own registered tasks and what to do next with each."""
    if not scope.has_role(Role.CADRE):
        return None
    mine = list(
        Registration.objects.filter(person=request.user, campaign=selected_campaign(request))
        .select_related("campaign")
        .order_by("-updated_at", "-id")[:6]
    )
    items = [
        home.HomeItem(
            text=r.title,
            url=reverse("registrations:detail", args=[r.pk]),
            badge=r.get_status_display() if not r.rating else r.get_rating_display(),
            tone=TONES.get(r.status, "secondary"),
            detail=NEXT_STEP.get(r.status, ""),
        )
        for r in mine
    ]
    return home.HomeSection(
        title=_("Việc làm “Dân vận khéo” của tôi"),
        items=items,
        empty_text=_("Bạn chưa đăng ký việc làm “Dân vận khéo” nào."),
        action_label=_("Đăng ký việc làm"),
        action_url=reverse("registrations:create") + "?loai=task",
    )


@home.register(order=25)
def awaiting_decision(request, scope):
    """Officers and provincial staff: registrations waiting for their approval or evaluation."""
    if not scope.has_role(Role.OFFICER, Role.PROVINCE_STAFF):
        return None
    waiting = list(
        Registration.objects.filter(awaiting_q(scope, [Status.SUBMITTED, Status.COMPLETED]), campaign=selected_campaign(request))
        .select_related("unit", "person")
        .order_by("updated_at", "id")[:8]
    )
    items = [
        home.HomeItem(
            text=r.title,
            url=reverse("registrations:detail", args=[r.pk]),
            badge=_("Chờ duyệt") if r.status == Status.SUBMITTED else _("Chờ đánh giá"),
            tone="warning",
            detail=r.owner_label,
        )
        for r in waiting
    ]
    return home.HomeSection(
        title=_("Đăng ký chờ duyệt, chờ đánh giá"),
        items=items,
        empty_text=_("Không có đăng ký nào chờ bạn duyệt hay đánh giá."),
        action_label=_("Xem danh sách đăng ký"),
        action_url=reverse("registrations:list"),
    )
