"""The receiving unit's consolidated report of a period: edit, issue, reopen, PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.concurrency import StaleObjectError, stale_form
from documents.views import document_ask, document_offer
from reports import access, pdf, services
from reports.forms import IssueForm, SummaryForm, VersionOnlyForm
from reports.models import SECTIONS, ConsolidatedReport

FIELDS = [*services.SUMMARY_TEXT_FIELDS]


def _initial(summary, period):
    if summary is None:
        return {
            "version": 0,
            "signer_authority": "TM. BAN THƯỜNG TRỰC",  # vi-only (signature block of the document)
            "signer_title": "CHỦ TỊCH",  # vi-only (signature block of the document)
            **services._default_summary(period),
        }
    return {**{k: getattr(summary, k) for k in FIELDS}, "version": summary.version}


def _context(request, period, summary, *, form=None, changes=None):
    scope = request.scope
    can_write = access.can_write_summary(scope, period)
    editable = summary is None or summary.is_editable
    table = pdf.summary_table(summary) if summary is not None else None
    if table is None:
        from reports.tables import period_table

        table = period_table(period)
    if can_write and editable and form is None:
        form = SummaryForm(initial=_initial(summary, period))
    narrative = summary.narrative() if summary else {}
    return {
        "period": period,
        "summary": summary,
        "form": form if can_write and editable else None,
        "changes": changes or [],
        "can_write": can_write,
        "table": table,
        "figure_rows": table.figure_rows(),
        "narrative_sections": [(label, narrative.get(key, "")) for key, label in SECTIONS],
        "issue_form": IssueForm(initial={"issued_on": timezone.localdate(), "version": summary.version}) if summary else None,
        "version_form": VersionOnlyForm(initial={"version": summary.version}) if summary else None,
    }


@login_required
def summary_detail(request, pk: int):
    period, summary = access.get_summary_for(request, pk)
    return render(request, "reports/summary.html", _context(request, period, summary))


@login_required
@require_POST
def summary_save(request, pk: int):
    period, summary = access.get_summary_for(request, pk, need="write")
    form = SummaryForm(request.POST)
    if not form.is_valid():
        return render(request, "reports/summary.html", _context(request, period, summary, form=form), status=400)
    data = {k: form.cleaned_data.get(k, "") for k in FIELDS}
    try:
        services.summary_save(period=period, by=request.user, expected_version=form.cleaned_data["version"], data=data)
    except StaleObjectError as exc:
        lead = _(
            "Báo cáo tổng hợp vừa được người khác lưu. Nội dung bạn nhập vẫn còn và CHƯA được lưu; xem thay đổi rồi lưu lại nếu vẫn muốn."
        )
        stale_form(form, exc, lead=lead, changes=False)
        return render(
            request, "reports/summary.html", _context(request, period, exc.instance, form=form, changes=exc.changes), status=409
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:summary_detail", pk=period.pk)
    messages.success(request, _("Đã lưu báo cáo tổng hợp."))
    return redirect("reports:summary_detail", pk=period.pk)


def _existing(summary):
    if summary is None:
        raise Http404(_("Chưa có báo cáo tổng hợp."))
    return summary


@login_required
@require_POST
def summary_issue(request, pk: int):
    period, summary = access.get_summary_for(request, pk, need="issue")
    summary = _existing(summary)
    form = IssueForm(request.POST)
    if not form.is_valid():
        errors = " ".join(e for errs in form.errors.values() for e in errs)
        messages.error(request, _("Chưa ban hành được: %(errors)s") % {"errors": errors})
        return redirect("reports:summary_detail", pk=period.pk)
    try:
        services.summary_issue(
            summary=summary,
            by=request.user,
            expected_version=form.cleaned_data["version"],
            issued_on=form.cleaned_data["issued_on"],
        )
    except services.AlreadySubmitted as exc:
        messages.info(request, " ".join(exc.messages))
    except StaleObjectError:
        messages.error(request, _("Báo cáo tổng hợp vừa được người khác sửa; hãy xem lại rồi ban hành."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã ban hành báo cáo tổng hợp; số liệu đã được chốt."))
    return redirect("reports:summary_detail", pk=period.pk)


@login_required
@require_POST
def summary_reopen(request, pk: int):
    period, summary = access.get_summary_for(request, pk, need="reopen")
    summary = _existing(summary)
    form = VersionOnlyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Yêu cầu không hợp lệ; hãy tải lại trang."))
        return redirect("reports:summary_detail", pk=period.pk)
    try:
        services.summary_reopen(summary=summary, by=request.user, expected_version=form.cleaned_data["version"])
    except StaleObjectError:
        messages.error(request, _("Báo cáo tổng hợp vừa thay đổi; hãy xem lại."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã mở lại bản nháp báo cáo tổng hợp."))
    return redirect("reports:summary_detail", pk=period.pk)


@login_required
@require_http_methods(["GET", "POST"])
def summary_pdf(request, pk: int):
    """POST asks for the consolidated report's PDF (starting the draft if there is none); GET shows
    it if asked for already, and never creates anything."""
    period, summary = access.get_summary_for(request, pk)
    back = reverse("reports:summary_detail", kwargs={"pk": period.pk})
    if summary is None:
        if not access.can_write_summary(request.scope, period):
            raise Http404(_("Chưa có báo cáo tổng hợp."))
        if request.method != "POST":
            title = f"Báo cáo tổng hợp — {period.title} (dự thảo)"  # vi-only (the title the document will have)
            return document_offer(request, document=None, title=title, back=back)
        summary = services.summary_start(period=period, by=request.user)
    issued = summary.status == ConsolidatedReport.Status.ISSUED
    return document_ask(
        request,
        owner=summary,
        kind="report_summary",
        source_key=pdf.summary_source_key(summary),
        title=f"Báo cáo tổng hợp — {period.title}{'' if issued else ' (dự thảo)'}",  # vi-only (title of the stored document)
        filename=f"bao-cao-tong-hop-{period.receiving_unit.code}-{period.kind}-{period.campaign.year}.pdf",
        back=back,
    )
