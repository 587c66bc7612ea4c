"""The report workflow: draft → submitted → accepted (locked) or returned → resubmitted; reopening;
refusals that lose nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.concurrency import StaleObjectError
from notifications.models import Notification
from reports import services
from reports.models import Report, ReportEvent, ReportingPeriod, ReportVersion
from reports.tests.factories import local


@pytest.fixture
def draft(six, world, text):
    return services.report_save(period=six, unit=world.units["076"], by=world.users["sonduong"], expected_version=0, data=text)


def submit(six, world, report, now=None, data=None):
    return services.report_submit(
        period=six,
        unit=report.unit,
        by=world.users["sonduong"],
        expected_version=report.version,
        data=data,
        now=now or local(2020, 6, 8, 9, 0),
    )


def test_submitting_freezes_a_version_and_tells_the_receivers(six, world, draft):
    report = submit(six, world, draft)
    assert report.status == Report.Status.SUBMITTED
    version = report.versions.get()
    assert version.number == 1 and version.narrative["results"] == draft.results and version.outcome == "pending"
    assert {f["key"] for f in version.figures} >= {"reg_content", "reg_task", "reg_model"}
    assert ReportEvent.objects.filter(report=report, action="submitted").count() == 1
    notified = set(Notification.objects.filter(kind="report_submitted").values_list("recipient__username", flat=True))
    assert {"tuyengiao", "tinh"} <= notified and "sonduong" not in notified
    title = Notification.objects.filter(kind="report_submitted").values_list("title", flat=True).first()
    assert title.startswith(f"Huyện Sơn Dương gửi {six.title[:1].lower()}{six.title[1:]}")  # names keep their capitals


def test_a_second_submit_of_the_same_version_is_refused_and_changes_nothing(six, world, draft):
    version_loaded = draft.version
    submit(six, world, draft)
    with pytest.raises(services.AlreadySubmitted, match="đã được gửi lúc .* \\(lần 1\\)"):
        services.report_submit(
            period=six, unit=draft.unit, by=world.users["sonduong"], expected_version=version_loaded, now=local(2020, 6, 8, 9, 1)
        )
    assert ReportVersion.objects.filter(report=draft).count() == 1
    assert ReportEvent.objects.filter(report=draft).count() == 1


def test_the_same_form_sent_twice_from_a_new_report_creates_one_report(six, world, text):
    unit, by = world.units["076"], world.users["sonduong"]
    services.report_submit(period=six, unit=unit, by=by, expected_version=0, data=text, now=local(2020, 6, 8, 9, 0))
    with pytest.raises(services.AlreadySubmitted):
        services.report_submit(period=six, unit=unit, by=by, expected_version=0, data=text, now=local(2020, 6, 8, 9, 0))
    assert Report.objects.filter(period=six, unit=unit).count() == 1


def test_a_closed_period_refuses_a_first_submission_and_keeps_the_draft(six, world, draft, text):
    six.status = ReportingPeriod.Status.CLOSED
    six.save()
    with pytest.raises(services.PeriodClosed, match="đã khóa sổ"):
        submit(six, world, draft, data={"results": draft.results + " Thêm."})
    draft.refresh_from_db()
    assert draft.status == Report.Status.DRAFT and draft.results == text["results"]
    assert not draft.versions.exists()


def test_a_returned_report_may_be_sent_again_after_the_period_closes(six, world, draft):
    report = submit(six, world, draft)
    report = services.report_return(
        report=report, by=world.users["tuyengiao"], expected_version=report.version, comment="Bổ sung."
    )
    ReportingPeriod.objects.filter(pk=six.pk).update(status=ReportingPeriod.Status.CLOSED)
    six.refresh_from_db()
    report = submit(six, world, report, now=local(2020, 6, 15, 8, 0))
    assert report.status == Report.Status.SUBMITTED and report.versions.count() == 2
    assert ReportEvent.objects.filter(report=report, action="resubmitted").exists()


def test_returning_needs_a_comment_and_the_unit_sees_it(six, world, draft):
    report = submit(six, world, draft)
    with pytest.raises(ValidationError, match="Hãy ghi ý kiến"):
        services.report_return(report=report, by=world.users["tuyengiao"], expected_version=report.version, comment="  ")
    report = services.report_return(
        report=report, by=world.users["tuyengiao"], expected_version=report.version, comment="Thiếu số liệu mô hình."
    )
    version = report.versions.get()
    assert (
        report.status == Report.Status.RETURNED
        and version.outcome == "returned"
        and version.review_comment == "Thiếu số liệu mô hình."
    )
    assert Notification.objects.filter(kind="report_returned", recipient=world.users["sonduong"]).exists()


def test_an_accepted_report_is_locked(six, world, draft):
    report = submit(six, world, draft)
    report = services.report_accept(report=report, by=world.users["tuyengiao"], expected_version=report.version)
    assert report.status == Report.Status.ACCEPTED and report.accepted_at
    with pytest.raises(ValidationError, match="đã được tiếp nhận .* khóa"):
        services.report_save(
            period=six, unit=report.unit, by=world.users["sonduong"], expected_version=report.version, data={"results": "Sửa."}
        )
    with pytest.raises(ValidationError, match="đã được tiếp nhận"):
        submit(six, world, report)
    from documents.tests.factories import png_upload

    with pytest.raises(ValidationError, match="khóa"):
        services.report_attachment_add(report=report, by=world.users["sonduong"], uploaded=png_upload())
    report.refresh_from_db()
    assert report.results == draft.results and report.versions.count() == 1


def test_a_submitted_report_cannot_be_edited_until_returned(six, world, draft):
    report = submit(six, world, draft)
    with pytest.raises(ValidationError, match="chờ cấp trên tiếp nhận"):
        services.report_save(
            period=six, unit=report.unit, by=world.users["sonduong"], expected_version=report.version, data={"results": "x"}
        )


def test_reopening_an_accepted_report_is_recorded_and_lets_the_unit_send_again(six, world, draft):
    report = submit(six, world, draft)
    report = services.report_accept(report=report, by=world.users["tuyengiao"], expected_version=report.version)
    with pytest.raises(PermissionDenied):
        services.report_reopen(report=report, by=world.users["tuyengiao"], expected_version=report.version, reason="Sai số liệu.")
    with pytest.raises(ValidationError, match="lý do"):
        services.report_reopen(report=report, by=world.users["tinh"], expected_version=report.version, reason="")
    report = services.report_reopen(
        report=report, by=world.users["tinh"], expected_version=report.version, reason="Sai số liệu mô hình."
    )
    assert report.status == Report.Status.RETURNED and report.accepted_at is None
    event = ReportEvent.objects.get(report=report, action="reopened")
    assert event.by == world.users["tinh"] and event.comment == "Sai số liệu mô hình."
    assert report.versions.get().outcome == "reopened"
    report = services.report_save(
        period=six,
        unit=report.unit,
        by=world.users["sonduong"],
        expected_version=report.version,
        data={"results": "Đã sửa số liệu."},
    )
    report = submit(six, world, report, now=local(2020, 6, 20, 8, 0))
    assert report.versions.count() == 2 and report.days_late == 0


def test_a_stale_form_is_refused_and_the_newer_text_kept(six, world, draft):
    loaded = draft.version
    services.report_save(
        period=six,
        unit=draft.unit,
        by=world.users["sonduong"],
        expected_version=loaded,
        data={"results": "Bản của tab thứ nhất."},
    )
    with pytest.raises(StaleObjectError) as exc:
        services.report_save(
            period=six,
            unit=draft.unit,
            by=world.users["sonduong"],
            expected_version=loaded,
            data={"results": "Bản của tab thứ hai."},
        )
    assert any(label == "Kết quả đạt được" for label, _, _ in exc.value.changes)
    draft.refresh_from_db()
    assert draft.results == "Bản của tab thứ nhất."


def test_a_form_identical_to_what_is_stored_is_not_a_conflict(six, world, draft):
    """The autosave of the same text lands just before the click on "Gửi báo cáo"."""
    loaded = draft.version
    data = {"results": "Đoạn vừa gõ xong.", "signer_title": "PHÓ CHỦ TỊCH"}
    services.report_save(period=six, unit=draft.unit, by=world.users["sonduong"], expected_version=loaded, data=data)
    report = services.report_submit(
        period=six, unit=draft.unit, by=world.users["sonduong"], expected_version=loaded, data=data, now=local(2020, 6, 8, 9, 0)
    )
    assert report.status == Report.Status.SUBMITTED and report.versions.get().narrative["results"] == "Đoạn vừa gõ xong."


def test_an_empty_report_cannot_be_sent(six, world):
    with pytest.raises(ValidationError, match="Kết quả đạt được"):
        services.report_submit(
            period=six, unit=world.units["076"], by=world.users["sonduong"], expected_version=0, data={"results": " "}
        )
    assert not Report.objects.exists()


@pytest.mark.parametrize("username", ["tinh", "tuyengiao", "nahang", "quansat", "tantrao"])
def test_only_the_units_own_officers_write_its_report(six, world, text, username):
    with pytest.raises(PermissionDenied):
        services.report_save(period=six, unit=world.units["076"], by=world.users[username], expected_version=0, data=text)


def test_only_the_receiving_side_accepts(six, world, draft):
    report = submit(six, world, draft)
    for username in ("sonduong", "nahang", "quansat"):
        with pytest.raises(PermissionDenied):
            services.report_accept(report=report, by=world.users[username], expected_version=report.version)
    assert services.report_accept(report=report, by=world.users["tinh"], expected_version=report.version).status == "accepted"


def test_a_unit_outside_the_period_cannot_report(six, world, text):
    with pytest.raises(ValidationError, match="không phải báo cáo"):
        services.report_save(period=six, unit=world.units["02545"], by=world.users["tantrao"], expected_version=0, data=text)


def test_an_attachment_that_was_sent_cannot_be_removed(six, world, draft):
    from documents.tests.factories import pdf_upload

    attachment = services.report_attachment_add(report=draft, by=world.users["sonduong"], uploaded=pdf_upload())
    report = submit(six, world, draft)
    assert report.versions.get().attachments == [{"id": attachment.pk, "name": "bien-ban.pdf", "size": attachment.size}]
    report = services.report_return(
        report=report, by=world.users["tuyengiao"], expected_version=report.version, comment="Bổ sung."
    )
    with pytest.raises(ValidationError, match="giữ lại"):
        services.report_attachment_delete(report=report, attachment=attachment, by=world.users["sonduong"])


def test_an_upload_disguised_as_pdf_is_refused(six, world, draft):
    from documents.tests.factories import exe_disguised_as_pdf

    with pytest.raises(ValidationError):
        services.report_attachment_add(report=draft, by=world.users["sonduong"], uploaded=exe_disguised_as_pdf())


def test_a_closed_period_keeps_the_text_sent_with_it_as_the_draft_when_asked(six, world, draft):
    six.status = ReportingPeriod.Status.CLOSED
    six.save()
    with pytest.raises(services.PeriodClosed, match="đã khóa sổ.*Nội dung đã được lưu nháp"):
        services.report_submit(
            period=six, unit=draft.unit, by=world.users["sonduong"], expected_version=draft.version,
            data={"results": draft.results + " Thêm."}, keep_draft=True,
        )  # fmt: skip
    draft.refresh_from_db()
    assert draft.status == Report.Status.DRAFT and draft.results.endswith(" Thêm.") and not draft.versions.exists()
