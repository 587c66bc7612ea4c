"""Business rules of periodic reports: configuring periods, writing and sending a report, the
receiving side's decisions, reopening, attachments, and the consolidated report.

Every function checks the actor through the Scope (PermissionDenied), validates (ValidationError
with a Vietnamese message), writes in one transaction with optimistic locking (StaleObjectError
when the form was loaded from an older version), records the step and notifies the next person.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Membership
from accounts.scope import Scope
from campaigns.services import require_open
from core import figures as core_figures
from core.concurrency import StaleObjectError, bump_version, changes_since
from core.dates import short_date, short_datetime
from core.queue import enqueue
from core.roles import Role
from core.templatetags.vn import vn_number
from core.text import lower_first
from notifications.services import notify
from reports import access, figures
from reports.models import (
    NARRATIVE_MAX,
    SECTION_KEYS,
    ConsolidatedReport,
    Report,
    ReportEvent,
    ReportingPeriod,
    ReportVersion,
    days_late_for,
)
from reports.selectors import is_required
from reports.tasks import compare_report_version
from units.models import Unit

REPORT_TEXT_FIELDS = [*SECTION_KEYS, "number", "signer_authority", "signer_title", "signer_name"]
SUMMARY_TEXT_FIELDS = [*REPORT_TEXT_FIELDS, "addressees", "recipients"]


class AlreadySubmitted(ValidationError):
    """The same form was sent twice: the first one was taken, the second one changes nothing."""


class PeriodClosed(ValidationError):
    pass


def _scope(user) -> Scope:
    return Scope.for_user(user)


def _check_lengths(data: dict) -> None:
    for key in SECTION_KEYS:
        if len(data.get(key) or "") > NARRATIVE_MAX:
            raise ValidationError(_("Mỗi phần nội dung dài tối đa %(limit)s ký tự."), params={"limit": vn_number(NARRATIVE_MAX)})


# ==================================================================================================
# Reporting periods
# ==================================================================================================
PERIOD_FIELDS = ["campaign", "kind", "title", "covers_from", "covers_to", "due_on", "receiving_unit", "audience", "instructions"]


def _validate_period(*, data: dict, selected_units, exclude_pk=None) -> list:
    errors = []
    campaign = data["campaign"]
    require_open(campaign)
    outside = [
        d for d in (data["covers_from"], data["covers_to"], data["due_on"]) if not campaign.starts_on <= d <= campaign.ends_on
    ]
    if outside:
        errors.append(
            _("Ngày của kỳ báo cáo phải nằm trong năm của phong trào (%(start)s – %(end)s).")
            % {"start": short_date(campaign.starts_on), "end": short_date(campaign.ends_on)}
        )
    if data["covers_from"] > data["covers_to"]:
        errors.append(_("Ngày bắt đầu lấy số liệu phải trước hoặc bằng ngày kết thúc."))
    if data["due_on"] < data["covers_from"]:
        errors.append(_("Hạn gửi báo cáo không được trước ngày bắt đầu lấy số liệu."))
    receiver: Unit = data["receiving_unit"]
    if receiver.level == Unit.Level.DEPARTMENT:
        errors.append(_("Đơn vị nhận báo cáo phải là một Ủy ban MTTQ, không phải một ban chuyên môn."))
    selected = list(selected_units or [])
    if data["audience"] == ReportingPeriod.Audience.SELECTED:
        if not selected:
            errors.append(_("Hãy chọn ít nhất một đơn vị phải báo cáo."))
        outside = [u.name for u in selected if not u.path.startswith(receiver.path) or u.pk == receiver.pk]
        if outside:
            errors.append(_("Các đơn vị sau không thuộc đơn vị nhận báo cáo: %(units)s.") % {"units": ", ".join(outside)})
    elif not Unit.objects.valid_on(data["due_on"]).committees().filter(parent=receiver).exists():
        errors.append(_("%(unit)s không có đơn vị trực thuộc nào để báo cáo.") % {"unit": receiver.name})
    duplicate = ReportingPeriod.objects.filter(campaign=data["campaign"], kind=data["kind"], receiving_unit=receiver)
    if exclude_pk:
        duplicate = duplicate.exclude(pk=exclude_pk)
    if duplicate.exists():
        kind = dict(ReportingPeriod.Kind.choices)[data["kind"]].lower()
        errors.append(
            _("%(unit)s đã có kỳ báo cáo %(kind)s của %(campaign)s.")
            % {"unit": receiver.name, "kind": kind, "campaign": data["campaign"]}
        )
    return errors


def period_create(*, by, data: dict, selected_units=()) -> ReportingPeriod:
    if not access.can_configure_period(_scope(by), data["receiving_unit"]):
        raise PermissionDenied(_("Bạn chỉ tạo được kỳ báo cáo cho đơn vị mình phụ trách."))
    errors = _validate_period(data=data, selected_units=selected_units)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        period = ReportingPeriod(**{k: data[k] for k in PERIOD_FIELDS}, created_by=by)
        try:
            with transaction.atomic():
                period.save()
        except IntegrityError as exc:
            raise ValidationError(_("Kỳ báo cáo này vừa được tạo (có thể do bấm hai lần).")) from exc
        if data["audience"] == ReportingPeriod.Audience.SELECTED:
            period.selected_units.set(selected_units)
        figures.period_changed(period)
    return period


def period_update(*, period: ReportingPeriod, by, expected_version: int, data: dict, selected_units=()) -> ReportingPeriod:
    scope = _scope(by)
    if not access.can_configure_period(scope, period) or not access.can_configure_period(scope, data["receiving_unit"]):
        raise PermissionDenied(_("Bạn chỉ sửa được kỳ báo cáo của đơn vị mình phụ trách."))
    errors = _validate_period(data=data, selected_units=selected_units, exclude_pk=period.pk)
    if data["receiving_unit"].pk != period.receiving_unit_id and period.reports.exists():
        errors.append(_("Kỳ báo cáo đã có báo cáo của đơn vị, không đổi được đơn vị nhận."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        bump_version(period, expected=expected_version)
        due_changed = data["due_on"] != period.due_on
        before = ReportingPeriod(receiving_unit_id=period.receiving_unit_id, campaign_id=period.campaign_id, title=period.title)
        for key in PERIOD_FIELDS:
            setattr(period, key, data[key])
        period.save()
        if data["audience"] == ReportingPeriod.Audience.SELECTED:
            period.selected_units.set(selected_units)
        else:
            period.selected_units.clear()
        if due_changed:
            _recompute_timeliness(period)
        figures.period_changed(before, period)
        if before.title != period.title:
            core_figures.renamed(units=[period.receiving_unit_id])  # its dashboard names the period
    return period


def _recompute_timeliness(period: ReportingPeriod) -> None:
    """The deadline moved: days late follow it (timeliness is always against the current due date)."""
    for report in Report.objects.filter(period=period, submitted_at__isnull=False).only("id", "submitted_at", "days_late"):
        late = days_late_for(report.submitted_at, period.due_on)
        if late != report.days_late:
            Report.objects.filter(pk=report.pk).update(days_late=late)


def period_set_status(*, period: ReportingPeriod, by, status: str, expected_version: int) -> ReportingPeriod:
    if not access.can_configure_period(_scope(by), period):
        raise PermissionDenied(_("Bạn chỉ khóa sổ, mở lại được kỳ báo cáo của đơn vị mình phụ trách."))
    if status not in ReportingPeriod.Status.values:
        raise ValidationError(_("Trạng thái kỳ báo cáo không hợp lệ."))
    with transaction.atomic():
        bump_version(period, expected=expected_version)
        period.status = status
        period.save(update_fields=["status", "version"])
    return period


# ==================================================================================================
# A unit's report
# ==================================================================================================
def _check_writer(by, period: ReportingPeriod, unit: Unit) -> None:
    if not access.can_write_report(_scope(by), unit):
        raise PermissionDenied(_("Chỉ cán bộ phụ trách của đơn vị được viết và gửi báo cáo của đơn vị."))
    if not is_required(period, unit) and not Report.objects.filter(period=period, unit=unit).exists():
        raise ValidationError(_("%(unit)s không phải báo cáo trong kỳ này."), params={"unit": unit.name})


def _locked(report: Report) -> Report | None:
    return Report.objects.select_for_update().filter(pk=report.pk).first() if report and report.pk else None


def _load_for_write(*, period: ReportingPeriod, unit: Unit, by) -> tuple[Report, bool]:
    """The unit's report, locked (created as a draft when it does not exist yet)."""
    report = Report.objects.select_for_update().filter(period=period, unit=unit).first()
    if report is not None:
        return report, False
    try:
        with transaction.atomic():
            return Report.objects.create(period=period, unit=unit, created_by=by), True
    except IntegrityError:
        # Created by another request between our read and our write.
        return Report.objects.select_for_update().get(period=period, unit=unit), False


def _same_content(obj, data: dict, fields) -> bool:
    return all(getattr(obj, k) == data[k] for k in fields if k in data and data[k] is not None)


def _bump_unless_same(obj, *, expected: int, data: dict, fields) -> None:
    """Optimistic locking, except that a form whose content is exactly what is stored now is not a
    conflict (typically: the autosave of the same text landed just before the click on "Gửi")."""
    if expected == obj.version:
        bump_version(obj, expected=expected)
        return
    if _same_content(obj, data, fields):
        bump_version(obj, expected=obj.version)
        return
    raise StaleObjectError(obj, expected, changes_since(obj, expected))


def _apply(report, data: dict, fields) -> None:
    for key in fields:
        if key in data and data[key] is not None:
            setattr(report, key, data[key])


def _refuse_locked(report: Report) -> None:
    if report.status == Report.Status.ACCEPTED:
        raise ValidationError(
            _("Báo cáo đã được tiếp nhận lúc %(at)s nên đã khóa, không sửa được. Nếu cần sửa, đề nghị cấp trên mở lại báo cáo."),
            params={"at": short_datetime(report.accepted_at)},
        )
    if report.status == Report.Status.SUBMITTED:
        raise ValidationError(
            _("Báo cáo đã gửi lúc %(at)s và đang chờ cấp trên tiếp nhận, không sửa được."),
            params={"at": short_datetime(report.last_submitted_at)},
        )


def report_save(*, period: ReportingPeriod, unit: Unit, by, expected_version: int, data: dict) -> Report:
    """Save the draft (the form, or an autosave while typing)."""
    require_open(period.campaign)
    _check_writer(by, period, unit)
    _check_lengths(data)
    with transaction.atomic():
        report, created = _load_for_write(period=period, unit=unit, by=by)
        _refuse_locked(report)
        if not created:
            _bump_unless_same(report, expected=expected_version, data=data, fields=REPORT_TEXT_FIELDS)
        _apply(report, data, REPORT_TEXT_FIELDS)
        report.save()
    return report


def report_start(*, period: ReportingPeriod, unit: Unit, by) -> Report:
    """The unit's report, created as an empty draft if needed (before a first attachment)."""
    require_open(period.campaign)
    _check_writer(by, period, unit)
    report, _created = Report.objects.get_or_create(period=period, unit=unit, defaults={"created_by": by})
    return report


def _attachments_list(report: Report) -> list[dict]:
    from documents.selectors import attachments_of

    return [{"id": a.pk, "name": a.original_name, "size": a.size} for a in attachments_of(report)]


def report_submit(
    *,
    period: ReportingPeriod,
    unit: Unit,
    by,
    expected_version: int,
    data: dict | None = None,
    now=None,
    keep_draft: bool = False,
) -> Report:
    """Send the report: save `data` (the sections, number and signer) and freeze figures, narrative
    and attachments in a new version, time-stamped; all in one transaction.

    The first submission decides timeliness. A closed period refuses a first submission; a report
    returned (or reopened) by the receiving side may still be sent again after the period closes.
    keep_draft (the page's "Gửi" button, whose text must not be lost): when the closed period
    refuses the submission, `data` is saved as the draft instead, and the PeriodClosed raised says so.
    """
    require_open(period.campaign)
    try:
        return _submit(period=period, unit=unit, by=by, expected_version=expected_version, data=data, now=now)
    except PeriodClosed as exc:
        if not keep_draft:
            raise
        refused = exc
    try:
        report_save(period=period, unit=unit, by=by, expected_version=expected_version, data=data or {})
    except (ValidationError, StaleObjectError):
        raise refused from None
    raise PeriodClosed(_("%(message)s Nội dung đã được lưu nháp."), params={"message": " ".join(refused.messages)}) from refused


def _submit(*, period: ReportingPeriod, unit: Unit, by, expected_version: int, data: dict | None, now) -> Report:
    _check_writer(by, period, unit)
    data = data or {}
    _check_lengths(data)
    now = now or timezone.now()
    with transaction.atomic():
        period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
        existing = Report.objects.select_for_update().filter(period=period, unit=unit).first()
        if existing is not None:
            sent = existing.versions.filter(report_version=expected_version).first()
            if sent is not None:
                raise AlreadySubmitted(
                    _("Báo cáo này đã được gửi lúc %(at)s (lần %(number)s). Lần bấm gửi thứ hai không được thực hiện."),
                    params={"at": short_datetime(sent.submitted_at), "number": sent.number},
                )
            if not existing.is_editable:
                _refuse_locked(existing)
        report, created = _load_for_write(period=period, unit=unit, by=by)
        if not period.is_open and report.submitted_at is None:
            raise PeriodClosed(
                _("Kỳ báo cáo “%(title)s” đã khóa sổ, không nhận báo cáo mới. Đề nghị liên hệ %(committee)s để được mở lại."),
                params={"title": period.title, "committee": period.receiving_unit.committee_name},
            )
        if not created:
            _bump_unless_same(report, expected=expected_version, data=data, fields=REPORT_TEXT_FIELDS)
        _apply(report, data, REPORT_TEXT_FIELDS)
        if not (report.results or "").strip():
            raise ValidationError(_("Phần “Kết quả đạt được” không được để trống khi gửi báo cáo."))
        first = report.submitted_at is None
        if first:
            report.submitted_at = now
            report.days_late = days_late_for(now, period.due_on)
        report.last_submitted_at = now
        report.status = Report.Status.SUBMITTED
        report.save()
        if first:
            figures.period_changed(period)  # one more report sent to the receiving unit
        number = (report.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        values = figures.compute(unit, period, today=timezone.localdate(now))
        version = ReportVersion.objects.create(
            report=report,
            number=number,
            report_version=expected_version,
            submitted_at=now,
            submitted_by=by,
            number_symbol=report.number,
            narrative=report.narrative(),
            figures=figures.freeze(values),
            attachments=_attachments_list(report),
            signer={"authority": report.signer_authority, "title": report.signer_title, "name": report.signer_name},
        )
        # Compared once, by a task (long sections take a second or more), so that the versions page
        # only reads the result; until it has run, the page's first view compares and keeps it.
        enqueue(compare_report_version, version.pk)
        action = ReportEvent.Action.SUBMITTED if first else ReportEvent.Action.RESUBMITTED
        ReportEvent.objects.create(report=report, action=action, version_number=number, by=by, at=now)
        timing = (
            "đúng hạn" if report.days_late == 0 else f"muộn {report.days_late} ngày"
        )  # vi-only (notification text stored when it happens)
        notify(
            recipients=receivers_of(period),
            kind="report_submitted",
            title=f"{unit.name} {'gửi' if first else 'gửi lại'} {lower_first(period.title)} ({timing})",  # vi-only (notification text stored when it happens)
            body=f"Lần gửi {number}, lúc {short_datetime(now)}. Hạn gửi {short_date(period.due_on)}.",  # vi-only (notification text stored when it happens)
            url=report_url(report),
            target=report,
            unit=unit,
            actor=by,
        )
    return report


def _check_reviewer(by, report: Report) -> None:
    if not access.can_review_period(_scope(by), report.period):
        raise PermissionDenied(_("Chỉ đơn vị nhận báo cáo (Ban Tuyên giáo, Thường trực) được tiếp nhận hoặc trả lại báo cáo."))


def _latest_version(report: Report) -> ReportVersion:
    return report.versions.order_by("-number").first()


def report_return(*, report: Report, by, expected_version: int, comment: str, now=None) -> Report:
    require_open(report.period.campaign)
    _check_reviewer(by, report)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(_("Hãy ghi ý kiến: đơn vị cần bổ sung, chỉnh sửa những gì."))
    now = now or timezone.now()
    with transaction.atomic():
        report = _locked(report)
        if report.status != Report.Status.SUBMITTED:
            raise ValidationError(
                _("Báo cáo đang ở trạng thái “%(status)s”, không trả lại được."), params={"status": report.get_status_display()}
            )
        bump_version(report, expected=expected_version)
        report.status = Report.Status.RETURNED
        report.save(update_fields=["status", "version", "updated_at"])
        version = _latest_version(report)
        ReportVersion.objects.filter(pk=version.pk).update(
            outcome=ReportVersion.Outcome.RETURNED, reviewed_at=now, reviewed_by=by, review_comment=comment
        )
        ReportEvent.objects.create(
            report=report, action=ReportEvent.Action.RETURNED, version_number=version.number, by=by, at=now, comment=comment
        )
        notify(
            recipients=writers_of(report.unit),
            kind="report_returned",
            title=f"{report.period.title} của {report.unit.name} bị trả lại để bổ sung, chỉnh sửa",  # vi-only (notification text stored when it happens)
            body=f"Ý kiến của {by}: {comment}",  # vi-only (notification text stored when it happens)
            url=report_url(report),
            target=report,
            unit=report.unit,
            actor=by,
        )
    return report


def report_accept(*, report: Report, by, expected_version: int, comment: str = "", now=None) -> Report:
    require_open(report.period.campaign)
    _check_reviewer(by, report)
    now = now or timezone.now()
    with transaction.atomic():
        report = _locked(report)
        if report.status != Report.Status.SUBMITTED:
            raise ValidationError(
                _("Báo cáo đang ở trạng thái “%(status)s”, không tiếp nhận được."), params={"status": report.get_status_display()}
            )
        bump_version(report, expected=expected_version)
        report.status = Report.Status.ACCEPTED
        report.accepted_at = now
        report.save(update_fields=["status", "accepted_at", "version", "updated_at"])
        version = _latest_version(report)
        ReportVersion.objects.filter(pk=version.pk).update(
            outcome=ReportVersion.Outcome.ACCEPTED, reviewed_at=now, reviewed_by=by, review_comment=(comment or "").strip()
        )
        ReportEvent.objects.create(
            report=report,
            action=ReportEvent.Action.ACCEPTED,
            version_number=version.number,
            by=by,
            at=now,
            comment=(comment or "").strip(),
        )
        notify(
            recipients=writers_of(report.unit),
            kind="report_accepted",
            title=f"{report.period.title} của {report.unit.name} đã được tiếp nhận",  # vi-only (notification text stored when it happens)
            body=(comment or "").strip(),
            url=report_url(report),
            target=report,
            unit=report.unit,
            actor=by,
        )
    return report


def report_reopen(*, report: Report, by, expected_version: int, reason: str, now=None) -> Report:
    """Unlock an accepted report so that the unit can correct and send it again (recorded)."""
    require_open(report.period.campaign)
    if not access.can_reopen_period(_scope(by), report.period):
        raise PermissionDenied(_("Chỉ cán bộ Ủy ban MTTQ cấp nhận báo cáo được mở lại báo cáo đã tiếp nhận."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Hãy ghi lý do mở lại báo cáo."))
    now = now or timezone.now()
    with transaction.atomic():
        report = _locked(report)
        if report.status != Report.Status.ACCEPTED:
            raise ValidationError(_("Chỉ mở lại được báo cáo đã tiếp nhận."))
        bump_version(report, expected=expected_version)
        report.status = Report.Status.RETURNED
        report.accepted_at = None
        report.save(update_fields=["status", "accepted_at", "version", "updated_at"])
        version = _latest_version(report)
        ReportVersion.objects.filter(pk=version.pk).update(outcome=ReportVersion.Outcome.REOPENED)
        ReportEvent.objects.create(
            report=report, action=ReportEvent.Action.REOPENED, version_number=version.number, by=by, at=now, comment=reason
        )
        notify(
            recipients=writers_of(report.unit),
            kind="report_reopened",
            title=f"{report.period.title} của {report.unit.name} được mở lại để chỉnh sửa",  # vi-only (notification text stored when it happens)
            body=f"Lý do: {reason}",  # vi-only (notification text stored when it happens)
            url=report_url(report),
            target=report,
            unit=report.unit,
            actor=by,
        )
    return report


# --- attachments -----------------------------------------------------------------------------------
def report_attachment_add(*, report: Report, by, uploaded, caption: str = ""):
    require_open(report.period.campaign)
    from documents.services import attachment_add

    if not access.can_write_report(_scope(by), report.unit):
        raise PermissionDenied(_("Chỉ cán bộ phụ trách của đơn vị được đính kèm tệp vào báo cáo."))
    if not report.is_editable:
        _refuse_locked(report)
    return attachment_add(owner=report, uploaded=uploaded, by=by, caption=caption)


def sent_attachment_ids(report: Report) -> set[int]:
    ids = set()
    for attachments in report.versions.values_list("attachments", flat=True):
        ids.update(a["id"] for a in attachments or [])
    return ids


def report_attachment_delete(*, report: Report, attachment, by) -> None:
    require_open(report.period.campaign)
    from documents.services import attachment_delete

    if not access.can_write_report(_scope(by), report.unit):
        raise PermissionDenied(_("Chỉ cán bộ phụ trách của đơn vị được gỡ tệp của báo cáo."))
    if not report.is_editable:
        _refuse_locked(report)
    if attachment.pk in sent_attachment_ids(report):
        raise ValidationError(
            _("Tệp “%(name)s” đã gửi kèm một lần báo cáo nên được giữ lại, không gỡ được."),
            params={"name": attachment.original_name},
        )
    attachment_delete(attachment=attachment)


# ==================================================================================================
# The consolidated report
# ==================================================================================================
def _default_summary(period: ReportingPeriod) -> dict:
    receiver = period.receiving_unit
    parent = receiver.parent
    if parent is None:
        addressees = "Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam\nBan Dân vận Tỉnh ủy"  # vi-only (document text)
    else:
        addressees = f"Ban Thường trực {parent.committee_name}"  # vi-only (document text)
    recipients = [
        "Như trên",
        f"Thường trực {'Tỉnh ủy' if parent is None else 'Huyện ủy'}",
        "Các đơn vị báo cáo",
        "Lưu: VT, BTG",
    ]  # vi-only (document text)
    return {"addressees": addressees, "recipients": "\n".join(recipients)}


def summary_save(*, period: ReportingPeriod, by, expected_version: int, data: dict) -> ConsolidatedReport:
    require_open(period.campaign)
    if not access.can_write_summary(_scope(by), period):
        raise PermissionDenied(_("Chỉ cán bộ của đơn vị nhận báo cáo được viết báo cáo tổng hợp."))
    _check_lengths(data)
    with transaction.atomic():
        summary = ConsolidatedReport.objects.select_for_update().filter(period=period).first()
        if summary is None:
            if expected_version != 0:
                raise ValidationError(_("Không tìm thấy báo cáo tổng hợp; hãy tải lại trang."))
            try:
                with transaction.atomic():
                    summary = ConsolidatedReport.objects.create(period=period, updated_by=by, **_default_summary(period))
            except IntegrityError:
                summary = ConsolidatedReport.objects.get(period=period)
                raise StaleObjectError(summary, expected_version) from None
        else:
            if summary.status != ConsolidatedReport.Status.DRAFT:
                raise ValidationError(_("Báo cáo tổng hợp đã ban hành nên đã khóa; muốn sửa hãy mở lại bản nháp."))
            bump_version(summary, expected=expected_version)
        _apply(summary, data, SUMMARY_TEXT_FIELDS)
        summary.updated_by = by
        summary.save()
    return summary


def summary_start(*, period: ReportingPeriod, by) -> ConsolidatedReport:
    require_open(period.campaign)
    if not access.can_write_summary(_scope(by), period):
        raise PermissionDenied(_("Chỉ cán bộ của đơn vị nhận báo cáo được viết báo cáo tổng hợp."))
    summary, _created = ConsolidatedReport.objects.get_or_create(
        period=period, defaults={"updated_by": by, **_default_summary(period)}
    )
    return summary


def summary_issue(
    *, summary: ConsolidatedReport, by, expected_version: int, issued_on: dt.date | None = None, now=None
) -> ConsolidatedReport:
    require_open(summary.period.campaign)
    from reports.tables import period_table

    if not access.can_write_summary(_scope(by), summary.period):
        raise PermissionDenied(_("Chỉ cán bộ của đơn vị nhận báo cáo được ban hành báo cáo tổng hợp."))
    now = now or timezone.now()
    with transaction.atomic():
        summary = ConsolidatedReport.objects.select_for_update().get(pk=summary.pk)
        if summary.status == ConsolidatedReport.Status.ISSUED:
            raise AlreadySubmitted(
                _("Báo cáo tổng hợp đã ban hành lúc %(at)s; không ban hành lần nữa."),
                params={"at": short_datetime(summary.issued_at)},
            )
        if not (summary.results or "").strip():
            raise ValidationError(_("Phần “Kết quả đạt được” không được để trống khi ban hành."))
        bump_version(summary, expected=expected_version)
        summary.status = ConsolidatedReport.Status.ISSUED
        summary.issued_on = issued_on or timezone.localdate(now)
        summary.issued_at = now
        summary.issued_by = by
        # Frozen data: the labels it holds (report statuses) are kept in Vietnamese, whatever the page's language.
        with translation.override(settings.LANGUAGE_CODE):
            summary.frozen = period_table(summary.period, today=timezone.localdate(now)).as_json()
        summary.save()
    return summary


def summary_reopen(*, summary: ConsolidatedReport, by, expected_version: int) -> ConsolidatedReport:
    require_open(summary.period.campaign)
    if not access.can_write_summary(_scope(by), summary.period):
        raise PermissionDenied(_("Chỉ cán bộ của đơn vị nhận báo cáo được mở lại báo cáo tổng hợp."))
    with transaction.atomic():
        summary = ConsolidatedReport.objects.select_for_update().get(pk=summary.pk)
        if summary.status != ConsolidatedReport.Status.ISSUED:
            raise ValidationError(_("Báo cáo tổng hợp đang là bản nháp."))
        bump_version(summary, expected=expected_version)
        summary.status = ConsolidatedReport.Status.DRAFT
        summary.frozen = None
        summary.issued_at = None
        summary.updated_by = by
        summary.save()
    return summary


# ==================================================================================================
# People to notify, links
# ==================================================================================================
def receivers_of(period: ReportingPeriod):
    """The receiving committee's reviewers (Ban Tuyên giáo), provincial staff and officers."""
    receiver = period.receiving_unit
    memberships = (
        Membership.objects.active()
        .filter(
            unit__in=Unit.objects.filter(pk=receiver.pk) | Unit.objects.filter(parent=receiver, level=Unit.Level.DEPARTMENT),
            role__in=[Role.REVIEWER, Role.PROVINCE_STAFF, Role.OFFICER],
        )
        .select_related("user")
    )
    return [m.user for m in memberships]


def writers_of(unit: Unit):
    return [m.user for m in Membership.objects.officers_of(unit).select_related("user")]


def report_url(report: Report) -> str:
    return reverse("reports:report_detail", kwargs={"pk": report.period_id, "code": report.unit.code})


# ==================================================================================================
# A new campaign year
# ==================================================================================================
def _same_day_in(year: int, day: dt.date) -> dt.date:
    """The same day and month in another year (29/2 becomes 28/2 in a common year)."""
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def default_periods(*, year: int) -> list[dict]:
    """The plan's two periods of a year: the six-month review (1/1–31/5, due 10/6) and the annual
    review (1/1–30/11, due 20/12)."""
    return [
        {"kind": ReportingPeriod.Kind.SIX_MONTH, "title": f"Sơ kết 6 tháng đầu năm {year}",  # vi-only: a period's title
         "covers_from": dt.date(year, 1, 1), "covers_to": dt.date(year, 5, 31), "due_on": dt.date(year, 6, 10)},
        {"kind": ReportingPeriod.Kind.ANNUAL, "title": f"Tổng kết năm {year}",  # vi-only: a period's title
         "covers_from": dt.date(year, 1, 1), "covers_to": dt.date(year, 11, 30), "due_on": dt.date(year, 12, 20)},
    ]  # fmt: skip


def periods_carry_over(*, source, target, by) -> str:
    """campaigns.carry_over step: the new year's periods are proposed with its deadlines, for the
    receiving committees that still exist on the new year's map (a 2020 district's period is not
    carried into a year without districts). Without an earlier year, the province gets the plan's
    two periods. Provincial staff adjust them afterwards on the periods page."""
    year = target.year
    units = Unit.objects.valid_on(target.map_date)
    created = 0
    if source is not None:
        previous = list(
            ReportingPeriod.objects.filter(campaign=source)
            .select_related("receiving_unit")
            .order_by("receiving_unit__path", "due_on")
        )
    else:
        previous = []
    if previous:
        receivers = {u.code: u for u in units.filter(code__in={p.receiving_unit.code for p in previous}).committees()}
        for old in previous:
            receiver = receivers.get(old.receiving_unit.code)
            if receiver is None or (
                old.audience == ReportingPeriod.Audience.CHILDREN and not units.committees().filter(parent=receiver).exists()
            ):
                continue
            title = old.title.replace(str(source.year), str(year))
            ReportingPeriod.objects.get_or_create(
                campaign=target, kind=old.kind, receiving_unit=receiver,
                defaults={
                    "title": title, "covers_from": _same_day_in(year, old.covers_from), "covers_to": _same_day_in(year, old.covers_to),
                    "due_on": _same_day_in(year, old.due_on), "audience": ReportingPeriod.Audience.CHILDREN,
                    "instructions": old.instructions, "created_by": by,
                },
            )  # fmt: skip
            created += 1
    else:
        roots = units.committees().filter(parent__isnull=True) | units.committees().filter(level=Unit.Level.PROVINCE)
        for receiver in roots.distinct().order_by("path")[:1]:
            for data in default_periods(year=year):
                ReportingPeriod.objects.get_or_create(
                    campaign=target, kind=data["kind"], receiving_unit=receiver, defaults={**data, "created_by": by}
                )
                created += 1
    if created:
        for period in ReportingPeriod.objects.filter(campaign=target):
            figures.period_changed(period)
    return ngettext("%(n)s kỳ báo cáo (hạn mới)", "%(n)s kỳ báo cáo (hạn mới)", created) % {"n": created}
