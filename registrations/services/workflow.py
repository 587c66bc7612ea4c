"""The workflow: draft → submitted → approved or returned (with a reason) → in progress →
completed → evaluated. Every step is a Transition (who, when, from, to, why) and notifies the
next person to act.

Each step locks the row, so two taps on the same button, or two approvers at once, make one
step: the second finds the registration already in the state it asked for and changes nothing
(the function then returns None)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Membership
from accounts.scope import Scope
from campaigns.services import require_open
from notifications.services import notify
from registrations import access, figures
from registrations.models import Registration, Transition

Status = Registration.Status
Action = Transition.Action
Rating = Registration.Rating

# action → (states it may start from, state it leads to, who may do it)
STEPS = {
    Action.SUBMIT: ((Status.DRAFT, Status.RETURNED), Status.SUBMITTED, "owner"),
    Action.APPROVE: ((Status.SUBMITTED,), Status.APPROVED, "approver"),
    Action.RETURN: ((Status.SUBMITTED,), Status.RETURNED, "approver"),
    Action.START: ((Status.APPROVED,), Status.IN_PROGRESS, "owner"),
    Action.COMPLETE: ((Status.IN_PROGRESS,), Status.COMPLETED, "owner"),
    Action.EVALUATE: ((Status.COMPLETED,), Status.EVALUATED, "approver"),
}
STAMPS = {
    Action.SUBMIT: "submitted_at",
    Action.APPROVE: "approved_at",
    Action.COMPLETE: "completed_at",
    Action.EVALUATE: "evaluated_at",
}


def approvers_of(registration: Registration) -> list:
    """The people who approve and evaluate it: officers (and provincial staff) of its approver unit."""
    unit = registration.approver_unit
    return [m.user for m in Membership.objects.officers_of(unit).select_related("user")]


def owners_of(registration: Registration) -> list:
    """The people who carry it out: the cadre, or the officers of the registering unit and whoever created it."""
    if registration.is_task:
        return [registration.person]
    people = [m.user for m in Membership.objects.officers_of(registration.unit.committee).select_related("user")]
    if registration.created_by_id:
        people.append(registration.created_by)
    return people


def _check_complete_for_submit(registration: Registration) -> None:
    missing = []
    if not registration.title.strip():
        missing.append(_("tên"))
    if registration.field_id is None:
        missing.append(_("lĩnh vực"))
    if registration.starts_on is None:
        missing.append(_("ngày bắt đầu"))
    if registration.ends_on is None:
        missing.append(_("ngày kết thúc"))
    if not registration.expected_result.strip():
        missing.append(_("kết quả dự kiến"))
    if not registration.is_task and not registration.responsible.strip():
        missing.append(_("người phụ trách"))
    if missing:
        raise ValidationError(
            _("Chưa gửi được: còn thiếu %(missing)s. Bản nháp vẫn được giữ nguyên.") % {"missing": ", ".join(missing)}
        )


def _step(
    registration: Registration, *, action: str, by, comment: str = "", rating: str = "", at=None, check=None
) -> Transition | None:
    allowed_from, to_status, actor = STEPS[action]
    scope = Scope.for_user(by)
    with transaction.atomic():
        locked = (
            # Lock only the registration row (PostgreSQL refuses FOR UPDATE on an outer join's nullable side).
            Registration.objects.select_for_update(of=("self",))
            .select_related("unit", "unit__parent", "person", "created_by")
            .filter(pk=registration.pk)
            .first()
        )
        if locked is None:
            raise ValidationError(_("Đăng ký không còn tồn tại."))
        allowed = access.is_owner(scope, locked) if actor == "owner" else access.is_approver(scope, locked)
        if not allowed:
            raise PermissionDenied(
                _("Chỉ người, đơn vị đăng ký mới được thực hiện thao tác này.")
                if actor == "owner"
                else _("Bạn không phải cấp duyệt, đánh giá đăng ký này.")
            )
        if locked.status == to_status:
            _refresh(registration, locked)
            return None  # already done (a double tap, or someone else was quicker)
        if locked.status not in allowed_from:
            raise ValidationError(
                _("Đăng ký đang ở trạng thái “%(status)s”, không thể %(action)s.")
                % {"status": locked.get_status_display(), "action": Action(action).label.lower()}
            )
        if check is not None:
            check(locked)
        at = at or timezone.now()
        transition = Transition.objects.create(
            registration=locked, action=action, from_status=locked.status, to_status=to_status, by=by, at=at,
            comment=comment, rating=rating,
        )  # fmt: skip
        locked.status = to_status
        if action in STAMPS:
            setattr(locked, STAMPS[action], at)
        if action == Action.EVALUATE:
            locked.rating = rating
            locked.evaluation_comment = comment
        # The row is locked: a plain increment is safe, and the history record gets a number.
        locked.version += 1
        locked._history_user = by
        locked.save()
        figures.registration_changed(
            units=[locked.unit_id], campaigns=[locked.campaign_id], persons=[locked.person_id],
            sent_changed=locked.is_task and transition.from_status == Status.DRAFT,
        )  # fmt: skip
        _notify(locked, transition, by)
    _refresh(registration, locked)
    return transition


def _refresh(target: Registration, source: Registration) -> None:
    for f in ("status", "version", "rating", "evaluation_comment", "submitted_at", "approved_at", "completed_at",
              "evaluated_at", "updated_at"):  # fmt: skip
        setattr(target, f, getattr(source, f))


def _notify(registration: Registration, transition: Transition, by) -> None:
    url = reverse("registrations:detail", args=[registration.pk])
    who = registration.owner_label
    title = registration.title
    if transition.action == Action.SUBMIT:
        recipients, kind = approvers_of(registration), "registration_submitted"
        text = f"Đăng ký chờ duyệt: “{title}” — {who}"  # vi-only
    elif transition.action == Action.APPROVE:
        recipients, kind = owners_of(registration), "registration_decided"
        text = f"Đăng ký đã được duyệt: “{title}”"  # vi-only
    elif transition.action == Action.RETURN:
        recipients, kind = owners_of(registration), "registration_decided"
        text = f"Đăng ký bị trả lại: “{title}”"  # vi-only
    elif transition.action == Action.COMPLETE:
        recipients, kind = approvers_of(registration), "registration_completed"
        text = f"Đăng ký đã hoàn thành, chờ đánh giá: “{title}” — {who}"  # vi-only
    elif transition.action == Action.EVALUATE:
        recipients, kind = owners_of(registration), "registration_evaluated"
        with translation.override(settings.LANGUAGE_CODE):  # the notice is stored, in Vietnamese
            text = f"Kết quả đánh giá “{title}”: {Rating(transition.rating).label}"  # vi-only
    else:
        return
    notify(
        recipients=recipients, kind=kind, title=text[:300], body=transition.comment, url=url, target=registration,
        unit=registration.unit, actor=by,
    )  # fmt: skip


def registration_submit(*, registration: Registration, by, at=None) -> Transition | None:
    """Send a draft (or a returned registration, after changes) to the approver."""
    require_open(registration.campaign)
    return _step(registration, action=Action.SUBMIT, by=by, at=at, check=_check_complete_for_submit)


def registration_approve(*, registration: Registration, by, comment: str = "", at=None) -> Transition | None:
    require_open(registration.campaign)
    return _step(registration, action=Action.APPROVE, by=by, comment=comment.strip(), at=at)


def registration_return(*, registration: Registration, by, reason: str, at=None) -> Transition | None:
    require_open(registration.campaign)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do trả lại để người đăng ký biết cần sửa gì.")})
    return _step(registration, action=Action.RETURN, by=by, comment=reason, at=at)


def registration_start(*, registration: Registration, by, at=None) -> Transition | None:
    require_open(registration.campaign)
    return _step(registration, action=Action.START, by=by, at=at)


def _check_has_progress(registration: Registration) -> None:
    if not registration.progress_updates.exists():
        raise ValidationError(_("Hãy cập nhật tiến độ (kết quả, minh chứng) ít nhất một lần trước khi báo cáo hoàn thành."))


def registration_complete(*, registration: Registration, by, comment: str = "", at=None) -> Transition | None:
    require_open(registration.campaign)
    return _step(registration, action=Action.COMPLETE, by=by, comment=comment.strip(), at=at, check=_check_has_progress)


def registration_evaluate(*, registration: Registration, by, rating: str, comment: str, at=None) -> Transition | None:
    require_open(registration.campaign)
    errors = {}
    if rating not in {Rating.EXCELLENT, Rating.GOOD, Rating.DONE, Rating.NOT_DONE}:
        errors["rating"] = _("Hãy chọn kết quả đánh giá.")
    if not (comment or "").strip():
        errors["comment"] = _("Hãy ghi nhận xét đánh giá.")
    if errors:
        raise ValidationError(errors)
    return _step(registration, action=Action.EVALUATE, by=by, rating=rating, comment=comment.strip(), at=at)
