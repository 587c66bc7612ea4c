"""A unit's report: read, write (with autosave), send; accept, return, reopen; versions; PDFs;
attachments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from campaigns.selection import pin_campaign
from core.access import require
from core.concurrency import StaleObjectError, stale_form
from documents.selectors import attachments_of
from documents.views import document_ask
from reports import access, figures, pdf, services
from reports.diff import figures_diff, simple_changes, versions_diff
from reports.forms import AttachmentForm, ReasonForm, ReportForm, ReviewForm
from reports.models import SECTION_KEYS, Report, ReportVersion

FORM_FIELDS = [*SECTION_KEYS, "number", "signer_authority", "signer_title", "signer_name"]


def _initial(report):
    if report is None:
        return {"version": 0, "signer_authority": "TM. BAN THƯỜNG TRỰC", "signer_title": "CHỦ TỊCH"}  # vi-only (signature block)
    return {**{k: getattr(report, k) for k in FORM_FIELDS}, "version": report.version}


def _days_overdue(period) -> int:
    today = timezone.localdate()
    return (today - period.due_on).days if today > period.due_on else 0


def _context(request, period, unit, report, *, form=None, changes=None):
    scope = request.scope
    can_write = access.can_write_report(scope, unit)
    editable = report is None or report.is_editable
    versions = list(report.versions.select_related("submitted_by", "reviewed_by").order_by("number")) if report else []
    latest = versions[-1] if versions else None
    events = list(report.events.select_related("by").order_by("at", "id")) if report else []
    show_form = can_write and editable
    if show_form and form is None:
        form = ReportForm(initial=_initial(report))
    if show_form or latest is None:
        figure_rows = figures.as_rows(figures.compute(unit, period))
        live_figures = True
    else:
        figure_rows = latest.figures
        live_figures = False
    if can_write and report is not None:
        narrative = report.narrative()
    else:
        narrative = latest.narrative if latest else None
    attachments = list(attachments_of(report).select_related("uploaded_by")) if report else []
    sent_ids = {a["id"] for v in versions for a in v.attachments}
    if not can_write:
        shown = {a["id"] for a in (latest.attachments if latest else [])}
        attachments = [a for a in attachments if a.pk in shown]
    status = report.status if report else None
    return {
        "period": period,
        "unit": unit,
        "report": report,
        "form": form,
        "changes": changes or [],
        "can_write": can_write,
        "show_form": show_form,
        "versions": versions,
        "latest": latest,
        "events": events,
        "figure_groups": figures.grouped(figure_rows),
        "live_figures": live_figures,
        "narrative_sections": [(label, (narrative or {}).get(key, "")) for key, label in _sections()] if narrative else None,
        "attachments": attachments,
        "sent_ids": sent_ids,
        "attachment_form": AttachmentForm() if show_form else None,
        "can_review": access.can_review_period(scope, period) and status == Report.Status.SUBMITTED,
        "can_reopen": access.can_reopen_period(scope, period) and status == Report.Status.ACCEPTED,
        "review_form": ReviewForm(initial={"version": report.version}) if report else None,
        "reopen_form": ReasonForm(initial={"version": report.version}) if report else None,
        "returned_comment": latest.review_comment if latest and latest.outcome == ReportVersion.Outcome.RETURNED else "",
        "reopened_event": next((e for e in reversed(events) if e.action == "reopened"), None)
        if status == Report.Status.RETURNED
        else None,
        "days_overdue": _days_overdue(period) if not (report and report.submitted_at) else 0,
        "sees_period": access.can_receive_period(scope, period),
    }


def _sections():
    from reports.models import SECTIONS

    return SECTIONS


@login_required
def report_detail(request, pk: int, code: str):
    period, unit, report = access.get_report_for(request, pk, code)
    pin_campaign(request, period.campaign)  # the page works in the report's year
    return render(request, "reports/report_detail.html", _context(request, period, unit, report))


def _form_data(form) -> dict:
    return {k: form.cleaned_data.get(k, "") for k in FORM_FIELDS}


def _stale_form(form, exc):
    """Keep what the user typed; carry the current version so that saving again is a choice."""
    lead = _(
        "Báo cáo vừa được lưu ở nơi khác (tab khác hoặc người khác) sau khi bạn mở trang. Nội dung bạn nhập vẫn còn dưới "
        "đây và CHƯA được lưu; xem các thay đổi bên dưới rồi bấm lưu lại nếu vẫn muốn ghi đè."
    )
    stale_form(form, exc, lead=lead, changes=False)
    return form


@login_required
@require_POST
def report_save(request, pk: int, code: str):
    period, unit, report = access.get_report_for(request, pk, code, need="write")
    form = ReportForm(request.POST)
    if request.htmx:
        return _autosave(request, period, unit, form)
    if not form.is_valid():
        return render(request, "reports/report_detail.html", _context(request, period, unit, report, form=form), status=400)
    try:
        services.report_save(
            period=period, unit=unit, by=request.user, expected_version=form.cleaned_data["version"], data=_form_data(form)
        )
    except StaleObjectError as exc:
        return render(
            request,
            "reports/report_detail.html",
            _context(request, period, unit, exc.instance, form=_stale_form(form, exc), changes=exc.changes),
            status=409,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:report_detail", pk=period.pk, code=unit.code)
    messages.success(request, _("Đã lưu bản nháp báo cáo."))
    return redirect("reports:report_detail", pk=period.pk, code=unit.code)


def _autosave(request, period, unit, form):
    context = {"ok": False, "message": "", "version": None}
    if not form.is_valid():
        errors = " ".join(e for errs in form.errors.values() for e in errs)
        context["message"] = _("Chưa tự lưu được: %(errors)s") % {"errors": errors}
    else:
        try:
            report = services.report_save(
                period=period, unit=unit, by=request.user, expected_version=form.cleaned_data["version"], data=_form_data(form)
            )
        except StaleObjectError:
            context["message"] = _(
                "Báo cáo vừa được lưu ở nơi khác nên không tự lưu nữa. Bấm “Lưu nháp” để xem khác biệt; nội dung đang gõ vẫn còn."
            )
        except ValidationError as exc:
            context["message"] = " ".join(exc.messages)
        else:
            context.update(ok=True, version=report.version, saved_at=timezone.localtime())
    return render(request, "reports/_autosave.html", context)


@login_required
@require_POST
def report_submit(request, pk: int, code: str):
    period, unit, report = access.get_report_for(request, pk, code, need="send")
    form = ReportForm(request.POST)
    if not form.is_valid():
        return render(request, "reports/report_detail.html", _context(request, period, unit, report, form=form), status=400)
    try:
        sent = services.report_submit(
            period=period,
            unit=unit,
            by=request.user,
            expected_version=form.cleaned_data["version"],
            data=_form_data(form),
            keep_draft=True,
        )
    except services.AlreadySubmitted as exc:
        messages.info(request, " ".join(exc.messages))
        return redirect("reports:report_detail", pk=period.pk, code=unit.code)
    except StaleObjectError as exc:
        return render(
            request,
            "reports/report_detail.html",
            _context(request, period, unit, exc.instance, form=_stale_form(form, exc), changes=exc.changes),
            status=409,
        )
    except services.PeriodClosed as exc:
        # The text was kept as the draft when it could be (the message says so).
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:report_detail", pk=period.pk, code=unit.code)
    except ValidationError as exc:
        # Nothing was written: the page shows the report as it was loaded, with what was typed.
        form.add_error(None, " ".join(exc.messages))
        return render(request, "reports/report_detail.html", _context(request, period, unit, report, form=form), status=400)
    if sent.days_late:
        messages.warning(
            request,
            ngettext(
                "Đã gửi báo cáo, muộn %(days)s ngày so với hạn %(due)s.",
                "Đã gửi báo cáo, muộn %(days)s ngày so với hạn %(due)s.",
                sent.days_late,
            )
            % {"days": sent.days_late, "due": f"{period.due_on:%d/%m/%Y}"},
        )
    else:
        messages.success(request, _("Đã gửi báo cáo đúng hạn. Cấp trên sẽ xem và tiếp nhận hoặc trả lại kèm ý kiến."))
    return redirect("reports:report_detail", pk=period.pk, code=unit.code)


def _existing(report):
    if report is None:
        raise Http404(_("Đơn vị chưa có báo cáo."))
    return report


def _decision(request, pk, code, *, action):
    period, unit, report = access.get_report_for(request, pk, code)
    report = _existing(report)
    form_class = ReasonForm if action == "reopen" else ReviewForm
    form = form_class(request.POST)
    allowed = (
        access.can_reopen_period(request.scope, period) if action == "reopen" else access.can_review_period(request.scope, period)
    )
    if not allowed:
        raise PermissionDenied(_("Bạn không có quyền xử lý báo cáo này."))
    if not form.is_valid():
        message = " ".join(e for errs in form.errors.values() for e in errs)
        messages.error(request, _("Chưa thực hiện được: %(message)s") % {"message": message})
        return redirect("reports:report_detail", pk=period.pk, code=unit.code)
    data = form.cleaned_data
    try:
        if action == "accept":
            services.report_accept(
                report=report, by=request.user, expected_version=data["version"], comment=data.get("comment", "")
            )
            messages.success(request, _("Đã tiếp nhận báo cáo của %(unit)s; báo cáo đã khóa.") % {"unit": unit.name})
        elif action == "return":
            services.report_return(
                report=report, by=request.user, expected_version=data["version"], comment=data.get("comment", "")
            )
            messages.success(request, _("Đã trả lại báo cáo của %(unit)s kèm ý kiến.") % {"unit": unit.name})
        else:
            services.report_reopen(report=report, by=request.user, expected_version=data["version"], reason=data["reason"])
            messages.success(request, _("Đã mở lại báo cáo của %(unit)s; đơn vị được sửa và gửi lại.") % {"unit": unit.name})
    except StaleObjectError:
        messages.error(
            request, _("Báo cáo vừa thay đổi (đơn vị gửi lại hoặc người khác đã xử lý). Hãy xem lại rồi thao tác lại.")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("reports:report_detail", pk=period.pk, code=unit.code)


@login_required
@require_POST
def report_accept(request, pk: int, code: str):
    return _decision(request, pk, code, action="accept")


@login_required
@require_POST
def report_return(request, pk: int, code: str):
    return _decision(request, pk, code, action="return")


@login_required
@require_POST
def report_reopen(request, pk: int, code: str):
    return _decision(request, pk, code, action="reopen")


def _version_number(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@login_required
def report_versions(request, pk: int, code: str):
    period, unit, report = access.get_report_for(request, pk, code)
    report = _existing(report)
    # The stored differences are read for the one version shown, not for every version listed.
    versions = list(report.versions.select_related("submitted_by", "reviewed_by").defer("changes").order_by("number"))
    if not versions:
        raise Http404(_("Báo cáo chưa gửi lần nào."))
    by_number = {v.number: v for v in versions}
    new = by_number.get(_version_number(request.GET.get("b"), versions[-1].number), versions[-1])
    old = by_number.get(_version_number(request.GET.get("a"), new.number - 1)) if new.number > 1 else None
    context = {"period": period, "unit": unit, "report": report, "versions": versions, "old": old, "new": new}
    context["sections"] = versions_diff(old, new)  # computed once per version, never per view
    if old is not None:
        context["figures"] = figures_diff(old.figures, new.figures)
        labels = {"number_symbol": _("Số, ký hiệu")}
        context["other_changes"] = simple_changes(
            {"number_symbol": old.number_symbol}, {"number_symbol": new.number_symbol}, labels
        )
        old_names = {a["name"] for a in old.attachments}
        new_names = {a["name"] for a in new.attachments}
        context["attachments_added"] = sorted(new_names - old_names)
        context["attachments_removed"] = sorted(old_names - new_names)
    else:
        context["figures"] = figures_diff([], new.figures)
    return render(request, "reports/report_versions.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def report_pdf(request, pk: int, code: str):
    """The PDF of a version as sent (?lan=N, the latest by default): POST asks for it, GET shows it if
    asked for already (never creates it)."""
    period, unit, report = access.get_report_for(request, pk, code)
    report = _existing(report)
    versions = report.versions.order_by("-number")
    number = request.GET.get("lan")
    version = versions.filter(number=_version_number(number, 0)).first() if number else versions.first()
    if version is None:
        raise Http404(_("Báo cáo chưa gửi lần nào."))
    return document_ask(
        request,
        owner=version,
        kind="report_version",
        source_key=f"report-version:{version.pk}",
        title=f"{period.title} — {unit.name} (lần gửi {version.number})",  # vi-only (title of the stored document)
        filename=f"bao-cao-{unit.code}-{period.kind}-{period.campaign.year}-lan-{version.number}.pdf",
        back=reverse("reports:report_detail", kwargs={"pk": period.pk, "code": unit.code}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_draft_pdf(request, pk: int, code: str):
    """The working draft as a PDF (stamped DỰ THẢO), for the unit's officers to read before sending:
    POST asks for it, GET shows it if asked for already (never creates it)."""
    period, unit, report = access.get_report_for(request, pk, code, need="draft")
    report = _existing(report)
    values = figures.compute(unit, period)
    return document_ask(
        request,
        owner=report,
        kind="report_draft",
        source_key=pdf.draft_source_key(report, values),
        title=f"{period.title} — {unit.name} (dự thảo)",  # vi-only (title of the stored document)
        filename=f"du-thao-bao-cao-{unit.code}-{period.kind}-{period.campaign.year}.pdf",
        back=reverse("reports:report_detail", kwargs={"pk": period.pk, "code": unit.code}),
    )


@login_required
@require_POST
def report_attachment_add(request, pk: int, code: str):
    period, unit, report = access.get_report_for(request, pk, code, need="attach")
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = " ".join(e for errs in form.errors.values() for e in errs)
        messages.error(request, _("Chưa đính kèm được: %(errors)s") % {"errors": errors})
        return redirect("reports:report_detail", pk=period.pk, code=unit.code)
    try:
        report = report or services.report_start(period=period, unit=unit, by=request.user)
        attachment = services.report_attachment_add(
            report=report, by=request.user, uploaded=form.cleaned_data["file"], caption=form.cleaned_data.get("caption", "")
        )
    except ValidationError as exc:
        messages.error(request, _("Chưa đính kèm được: %(errors)s") % {"errors": " ".join(exc.messages)})
    else:
        messages.success(request, _("Đã đính kèm “%(name)s”.") % {"name": attachment.original_name})
    return redirect("reports:report_detail", pk=period.pk, code=unit.code)


@login_required
@require_POST
def report_attachment_delete(request, pk: int, code: str, attachment_pk: int):
    period, unit, report = access.get_report_for(request, pk, code)
    report = _existing(report)
    require(access.can_write_report(request.scope, unit), _("Chỉ cán bộ phụ trách của đơn vị được gỡ tệp."))
    attachment = attachments_of(report).filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404(_("Không tìm thấy tệp."))
    try:
        services.report_attachment_delete(report=report, attachment=attachment, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã gỡ tệp “%(name)s”.") % {"name": attachment.original_name})
    return redirect("reports:report_detail", pk=period.pk, code=unit.code)
