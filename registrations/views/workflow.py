"""The registration page and the workflow's buttons (each a POST that calls one service)."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns.selection import pin_campaign
from documents.selectors import attachments_by_owner
from registrations import access, services
from registrations.forms import ApproveForm, CompleteForm, EvaluateForm, ReturnForm
from registrations.models import ProgressValue


def _progress(registration):
    """Updates with their values and files, and each target's latest value: four queries."""
    updates = list(registration.progress_updates.select_related("created_by").order_by("-reported_on", "-id"))
    values_by_update = defaultdict(list)
    latest = {}
    for value in (
        ProgressValue.objects.filter(update__registration=registration)
        .select_related("target", "update")
        .order_by("update__reported_on", "update__id")
    ):
        values_by_update[value.update_id].append(value)
        latest[value.target_id] = value.value
    files = attachments_by_owner(updates)
    for update in updates:
        update.shown_values = values_by_update[update.pk]
        update.files = files[update.pk]
    targets = list(registration.targets.all())
    for target in targets:
        target.latest = latest.get(target.pk)
        target.share = (
            min(100, round(100 * target.latest / target.target_value))
            if target.latest is not None and target.target_value
            else None
        )
    return updates, targets


def render_detail(request, registration, *, status=200, **forms):
    pin_campaign(request, registration.campaign)  # the page works in the registration's year
    scope = request.scope
    actions = access.actions_for(scope, registration)
    updates, targets = _progress(registration)
    context = {
        "registration": registration,
        "actions": actions,
        "any_action": any(actions.values()),
        "updates": updates,
        "targets": targets,
        "transitions": registration.transitions.select_related("by").order_by("at", "id"),
        "movements": registration.movements.all(),
        "areas": registration.areas.order_by("path"),
        "approver_unit": registration.approver_unit,
        "return_form": forms.get("return_form") or ReturnForm(),
        "approve_form": forms.get("approve_form") or ApproveForm(),
        "complete_form": forms.get("complete_form") or CompleteForm(),
        "evaluate_form": forms.get("evaluate_form") or EvaluateForm(),
        "read_only": scope.is_read_only and not access.is_owner(scope, registration),
    }
    return render(request, "registrations/detail.html", context, status=status)


@login_required
def registration_detail(request, pk: int):
    return render_detail(request, access.get_registration_for(request, pk))


def _done(request, registration, transition, done_text, already_text):
    if transition is None:
        messages.info(request, already_text)
    else:
        messages.success(request, done_text)
    return redirect("registrations:detail", pk=registration.pk)


def _refused(request, registration, exc):
    messages.error(request, " ".join(exc.messages))
    return redirect("registrations:detail", pk=registration.pk)


@login_required
@require_POST
def registration_submit(request, pk: int):
    registration = access.get_registration_for(request, pk, need="own")
    try:
        transition = services.registration_submit(registration=registration, by=request.user)
    except ValidationError as exc:
        return _refused(request, registration, exc)
    return _done(request, registration, transition, _("Đã gửi đăng ký để duyệt."), _("Đăng ký đã được gửi trước đó."))


@login_required
@require_POST
def registration_approve(request, pk: int):
    registration = access.get_registration_for(request, pk, need="approve")
    form = ApproveForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        transition = services.registration_approve(registration=registration, by=request.user, comment=comment)
    except ValidationError as exc:
        return _refused(request, registration, exc)
    return _done(request, registration, transition, _("Đã duyệt đăng ký."), _("Đăng ký đã được duyệt trước đó."))


@login_required
@require_POST
def registration_return(request, pk: int):
    registration = access.get_registration_for(request, pk, need="approve")
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Chưa trả lại: hãy ghi lý do."))
        return render_detail(request, registration, return_form=form)
    try:
        transition = services.registration_return(registration=registration, by=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        return _refused(request, registration, exc)
    return _done(request, registration, transition, _("Đã trả lại đăng ký kèm lý do."), _("Đăng ký đã được trả lại trước đó."))


@login_required
@require_POST
def registration_start(request, pk: int):
    registration = access.get_registration_for(request, pk, need="own")
    try:
        transition = services.registration_start(registration=registration, by=request.user)
    except ValidationError as exc:
        return _refused(request, registration, exc)
    return _done(
        request, registration, transition, _("Đã chuyển sang đang thực hiện."), _("Đăng ký đã ở trạng thái đang thực hiện.")
    )


@login_required
@require_POST
def registration_complete(request, pk: int):
    registration = access.get_registration_for(request, pk, need="own")
    form = CompleteForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        transition = services.registration_complete(registration=registration, by=request.user, comment=comment)
    except ValidationError as exc:
        return _refused(request, registration, exc)
    return _done(
        request,
        registration,
        transition,
        _("Đã báo cáo hoàn thành; cấp trên sẽ đánh giá."),
        _("Đăng ký đã được báo cáo hoàn thành."),
    )


@login_required
@require_POST
def registration_evaluate(request, pk: int):
    registration = access.get_registration_for(request, pk, need="approve")
    form = EvaluateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Chưa đánh giá: hãy chọn kết quả và ghi nhận xét."))
        return render_detail(request, registration, evaluate_form=form)
    try:
        transition = services.registration_evaluate(
            registration=registration, by=request.user, rating=form.cleaned_data["rating"], comment=form.cleaned_data["comment"]
        )
    except ValidationError as exc:
        return _refused(request, registration, exc)
    return _done(request, registration, transition, _("Đã ghi kết quả đánh giá."), _("Đăng ký đã được đánh giá trước đó."))
