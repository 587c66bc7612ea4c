"""Tasks and their follow-up: a unit's own assignments and updates, the upper level's follow-up
page across its subtree, urging (notice, e-mail, letter PDF)."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.scope import require_roles
from campaigns.selection import selected_campaign
from core.dates import short_date
from core.forms import new_token
from core.paging import paginate
from core.roles import FOLLOWERS, MANAGERS
from documents.selectors import attachments_by_owner
from documents.services import latest_document
from documents.views import document_ask
from plans import forms, selectors
from plans.access import get_assignment_for, get_notice_for
from plans.models import Plan, TaskAssignment, Urging, UrgingNotice
from plans.services import followup as followup_services
from units.models import Unit

MY_STATES = [("open", _("Chưa hoàn thành")), ("overdue", _("Quá hạn")), ("done", _("Đã hoàn thành")), ("all", _("Tất cả"))]


@login_required
def my_tasks(request):
    """The assignments of the committees this person acts for."""
    require_roles(request, *MANAGERS)
    scope = request.scope
    units = scope.acted_committees()
    today = timezone.localdate()
    state = request.GET.get("tinh-trang", "open")
    # The assignments of the campaign year the page works in.
    qs = TaskAssignment.objects.in_force().filter(unit__in=units, task__plan__campaign=selected_campaign(request))
    counts = qs.aggregate(
        open=Count("id", filter=~Q(status=TaskAssignment.Status.DONE)),
        overdue=Count("id", filter=~Q(status=TaskAssignment.Status.DONE) & Q(due_on__lt=today)),
        done=Count("id", filter=Q(status=TaskAssignment.Status.DONE)),
        all=Count("id"),
    )
    if state == "open":
        qs = qs.open()
    elif state == "overdue":
        qs = qs.open().filter(due_on__lt=today)
    elif state == "done":
        qs = qs.done()
    qs = (
        qs.annotate(urging_count=Count("urgings", distinct=True), last_urged=Max("urgings__created_at"))
        .select_related("unit", "task", "task__plan", "task__plan__unit")
        .order_by("due_on", "id")
    )
    page, query = paginate(request, qs, 50)
    return render(
        request,
        "plans/my_tasks.html",
        {"page": page, "query": query, "state": state, "states": MY_STATES, "counts": counts, "today": today, "units": units},
    )


def _assignment_page(request, assignment, form=None, status=200):
    scope = request.scope
    updates = list(assignment.updates.select_related("by").order_by("-created_at", "-id"))
    files = attachments_by_owner(updates)
    for u in updates:
        u.files = files.get(u.pk, [])
    urgings = list(assignment.urgings.select_related("notice", "notice__unit", "by").order_by("-created_at"))
    can_update = scope.acts_for(assignment.unit) and assignment.task.plan.is_current
    if can_update and form is None:
        form = forms.AssignmentUpdateForm(
            initial={
                "token": new_token(),
                "status": TaskAssignment.Status.DONE if assignment.status == "in_progress" else TaskAssignment.Status.IN_PROGRESS,
            }
        )
    return render(
        request,
        "plans/assignment_detail.html",
        {
            "assignment": assignment,
            "task": assignment.task,
            "plan": assignment.task.plan,
            "updates": updates,
            "urgings": urgings,
            "form": form if can_update else None,
            "today": timezone.localdate(),
            "can_urge": scope.supervises(assignment.unit),
        },
        status=status,
    )


@login_required
def assignment_detail(request, pk: int):
    return _assignment_page(request, get_assignment_for(request, pk))


@login_required
@require_POST
def assignment_update(request, pk: int):
    assignment = get_assignment_for(request, pk, need="update")
    form = forms.AssignmentUpdateForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            followup_services.assignment_update(
                assignment=assignment,
                by=request.user,
                text=data["text"],
                status=data["status"],
                files=data["files"],
                token=data.get("token") or None,
            )
        except ValidationError as exc:
            form.add_error(
                "files" if exc.code in {"too_large", "bad_type", "empty", "bad_image", "too_many_files"} else None, exc
            )
        else:
            messages.success(request, gettext("Đã ghi cập nhật tiến độ."))
            return redirect("plans:assignment_detail", pk=assignment.pk)
    return _assignment_page(request, assignment, form=form)


def _followup_roots(scope) -> list[Unit]:
    return list(Unit.objects.filter(path__in=scope.visible_paths).order_by("depth"))


@login_required
def followup(request):
    """Overdue and at-risk tasks across the subtree; select late units and urge them (POST)."""
    require_roles(request, *FOLLOWERS)
    scope = request.scope
    today = timezone.localdate()
    roots = _followup_roots(scope)
    campaign = selected_campaign(request)
    child_units = (campaign.units() if campaign else Unit.objects.open()).committees().filter(parent__in=roots).order_by("path")
    plans = (
        Plan.objects.current()
        .filter(campaign=campaign)
        .filter(Q(unit__in=roots) | Q(unit__parent__in=roots))
        .select_related("unit")
        .order_by("unit__depth", "unit__position")
    )
    form = forms.FollowupFilterForm(request.GET or None, units=child_units, plans=plans)
    filters = {"state": "late", "sort": "han"}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "state": data.get("state") or "late",
            "sort": data.get("sort") or "han",
            "unit": data.get("unit"),
            "level": data.get("level") or "",
            "plan": data.get("plan"),
        }
    qs = selectors.followup_queryset(roots=roots, today=today, campaign=campaign, **filters)
    page, query = paginate(request, qs, 50)
    counts = selectors.followup_counts(roots=roots, today=today, campaign=campaign)
    urging_unit = followup_services.urging_committee(scope)
    urge_form = None
    selected: set[int] = set()
    if urging_unit is not None:
        if request.method == "POST":
            urge_form = forms.UrgingForm(request.POST)
            selected = {int(v) for v in request.POST.getlist("assignment") if v.isdigit()}
            response = _urge(request, urge_form, selected, urging_unit)
            if response is not None:
                return response
        else:
            urge_form = forms.UrgingForm(initial=_urging_initial(urging_unit, campaign, today))
    elif request.method == "POST":
        raise PermissionDenied(gettext("Chỉ cán bộ của đơn vị cấp trên mới đôn đốc được."))
    return render(
        request,
        "plans/followup.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "counts": counts,
            "filters": filters,
            "today": today,
            "urge_form": urge_form,
            "selected": selected,
            "roots": roots,
            "urging_unit": urging_unit,
        },
        status=200,
    )


def _urging_initial(unit, campaign, today):
    signer = (
        Plan.objects.current()
        .filter(unit=unit)
        .order_by("-issued_at")
        .values("signer_authority", "signer_title", "signer_name")
        .first()
        or {}
    )
    name = campaign.name if campaign else "Phong trào thi đua “Dân vận khéo”"  # vi-only
    return {
        "token": new_token(),
        "sent_on": today,
        "subject": f"V/v đôn đốc thực hiện nhiệm vụ {name}",  # vi-only
        "message": (
            f"Ban Thường trực {unit.committee_name} đề nghị Ban Thường trực Ủy ban MTTQ các đơn vị có tên trên khẩn trương "  # vi-only
            "hoàn thành các nhiệm vụ còn chậm, cập nhật kết quả và minh chứng trên cổng Dân vận khéo trước ngày "  # vi-only
            f"{short_date(today + dt.timedelta(days=7))}."
        ),
        **signer,
    }


def _urge(request, form, selected, unit):
    if not form.is_valid():
        return None
    if not selected:
        form.add_error(None, gettext("Hãy đánh dấu ít nhất một việc (một đơn vị) cần đôn đốc trong bảng."))
        return None
    assignments = list(
        TaskAssignment.objects.filter(pk__in=selected).select_related("unit", "task", "task__plan", "task__plan__unit")
    )
    data = form.cleaned_data
    try:
        notice, created = followup_services.urging_send(
            by=request.user,
            unit=unit,
            assignments=assignments,
            subject=data["subject"],
            message=data["message"],
            number=data.get("number") or "",
            sent_on=data["sent_on"],
            signer_authority=data.get("signer_authority") or "",
            signer_title=data.get("signer_title") or "",
            signer_name=data.get("signer_name") or "",
            token=data.get("token") or None,
        )
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
        return None
    if created:
        units = sorted({a.unit.name for a in assignments})
        messages.success(
            request,
            ngettext(
                "Đã gửi đôn đốc tới %(n)s đơn vị: %(units)s. Có thể in công văn đôn đốc ở trang này.",
                "Đã gửi đôn đốc tới %(n)s đơn vị: %(units)s. Có thể in công văn đôn đốc ở trang này.",
                len(units),
            )
            % {"n": len(units), "units": ", ".join(units)},
        )
    else:
        messages.info(request, gettext("Công văn đôn đốc này đã được gửi; không gửi lại lần nữa."))
    return redirect("plans:urging_detail", pk=notice.pk)


@login_required
def urging_list(request):
    """Urging notices sent by this person's committees, or received by the units they see."""
    require_roles(request, *FOLLOWERS)
    scope = request.scope
    visible = scope.units_q("unit")
    notices = (
        UrgingNotice.objects.filter(
            Q(pk__in=Urging.objects.filter(visible).values("notice_id"))
            | Q(pk__in=UrgingNotice.objects.filter(visible).values("pk"))
        )
        .select_related("unit", "by")
        .annotate(units=Count("urgings__unit", distinct=True), items=Count("urgings"))
        .order_by("-created_at", "-id")
    )
    page, query = paginate(request, notices, 30)
    return render(request, "plans/urging_list.html", {"page": page, "query": query})


@login_required
def urging_detail(request, pk: int):
    notice = get_notice_for(request, pk)
    scope = request.scope
    urgings = list(
        notice.urgings.select_related("unit", "assignment", "assignment__task", "assignment__task__plan").order_by(
            "unit__path", "due_on"
        )
    )
    shown = [u for u in urgings if scope.sees_unit(u.unit) or scope.sees_unit(notice.unit)]
    return render(
        request,
        "plans/urging_detail.html",
        {"notice": notice, "urgings": shown, "pdf": latest_document(notice, "urging_letter"), "today": timezone.localdate()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def urging_pdf(request, pk: int):
    """POST asks for the letter's PDF; GET shows it if asked for already (never creates it)."""
    notice = get_notice_for(request, pk)
    number = (notice.number or "").split("/")[0] or str(notice.pk)
    return document_ask(
        request,
        owner=notice,
        kind="urging_letter",
        source_key=f"urging:{notice.pk}:{notice.number}:{notice.signer_name}",
        title=f"Công văn đôn đốc {notice.number or ''} — {notice.unit.committee_name}".replace("  ", " "),  # vi-only
        filename=f"cong-van-don-doc-{number}-{notice.sent_on:%Y%m%d}.pdf",
        back=reverse("plans:urging_detail", kwargs={"pk": notice.pk}),
    )
