"""Report PDFs: an administrative document per NĐ 30/2020, rendered by the task once per state."""

import shutil
import subprocess

import pytest
import time_machine
from django.urls import reverse

from documents.models import GeneratedDocument
from registrations.models import Registration
from reports import services
from reports.models import ConsolidatedReport, Report
from reports.tests.factories import local, make_report

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def pdf_text(document, tmp_path) -> str:
    document.refresh_from_db()
    assert document.status == GeneratedDocument.Status.DONE, document.error
    path = tmp_path / "x.pdf"
    path.write_bytes(document.file.read())
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _follow(client, url, capture):
    with capture(execute=True):
        response = client.post(url)  # asking for a PDF is a POST
    assert response.status_code == 302
    return GeneratedDocument.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


@needs_poppler
def test_a_sent_report_reads_like_an_official_report(six, world, client_for, django_capture_on_commit_callbacks, tmp_path):
    report = services.report_save(
        period=six, unit=world.units["076"], by=world.users["sonduong"], expected_version=0,
        data={"results": "Đã tổ chức 12 hội nghị tuyên truyền.", "limitations": "Còn chậm cập nhật.", "number": "25/BC-MTTQ",
              "signer_authority": "TM. BAN THƯỜNG TRỰC", "signer_title": "PHÓ CHỦ TỊCH", "signer_name": "Trần Minh Tuấn"},
    )  # fmt: skip
    services.report_submit(
        period=six, unit=report.unit, by=world.users["sonduong"], expected_version=report.version, now=local(2020, 6, 8, 9, 0)
    )
    document = _follow(
        client_for("tinh"),
        reverse("reports:report_pdf", kwargs={"pk": six.pk, "code": "076"}),
        django_capture_on_commit_callbacks,
    )
    text = pdf_text(document, tmp_path)
    flat = " ".join(text.split())
    for expected in [
        "ỦY BAN MTTQ VIỆT NAM", "HUYỆN SƠN DƯƠNG", "BAN THƯỜNG TRỰC", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Số: 25/BC-MTTQ", "Sơn Dương, ngày 08 tháng 6 năm 2020", "BÁO CÁO",
        "Sơ kết 6 tháng đầu năm 2020 thực hiện Phong trào thi đua “Dân vận khéo”", "Kính gửi: Ban Thường trực Ủy ban MTTQ tỉnh.",
        "I. KẾT QUẢ ĐẠT ĐƯỢC", "Đã tổ chức 12 hội nghị tuyên truyền.", "II. HẠN CHẾ, NGUYÊN NHÂN", "./.", "Nơi nhận:", "- Như trên;",
        "- Lưu: VT.", "TM. BAN THƯỜNG TRỰC", "PHÓ CHỦ TỊCH", "Trần Minh Tuấn", "Phụ lục",
        "SỐ LIỆU KẾT QUẢ THỰC HIỆN PHONG TRÀO THI ĐUA “DÂN VẬN KHÉO”", "(Kèm theo Báo cáo số 25/BC-MTTQ ngày 08 tháng 6 năm 2020",
        "Mô hình “Dân vận khéo”", "Việc được giao quá hạn, chưa hoàn thành",
    ]:  # fmt: skip
        assert expected in flat, expected
    assert "DỰ THẢO" not in flat
    assert document.pages >= 2


def test_a_new_version_renders_a_new_pdf_and_the_same_one_does_not(six, world, client_for, django_capture_on_commit_callbacks):
    report = make_report(world, "076", status="returned")
    url = reverse("reports:report_pdf", kwargs={"pk": six.pk, "code": "076"})
    first = _follow(client_for("tinh"), url, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = client_for("tuyengiao").post(url)
    assert again["Location"].endswith(f"/{first.pk}/") and callbacks == []  # same state: no second render
    services.report_submit(
        period=six, unit=report.unit, by=world.users["sonduong"], expected_version=report.version, data={"results": "Bản sửa."}
    )
    second = _follow(client_for("tinh"), url, django_capture_on_commit_callbacks)
    assert second.pk != first.pk and second.source_key != first.source_key
    assert GeneratedDocument.objects.filter(kind="report_version").count() == 2


def test_the_draft_pdf_follows_the_text_and_the_live_figures(six, world, client_for, django_capture_on_commit_callbacks):
    make_report(world, "076", status="draft")
    url = reverse("reports:report_draft_pdf", kwargs={"pk": six.pk, "code": "076"})
    with time_machine.travel(local(2020, 6, 8, 9, 0), tick=True):
        first = _follow(client_for("sonduong"), url, django_capture_on_commit_callbacks)
        Registration.objects.create(
            campaign=world.campaign, kind="content", unit=world.units["02545"], status="approved", title="Mới"
        )
        second = _follow(client_for("sonduong"), url, django_capture_on_commit_callbacks)
    assert first.pk != second.pk and first.kind == "report_draft"


@needs_poppler
def test_the_consolidated_report_has_the_completeness_and_the_figures_by_unit(
    six, world, client_for, django_capture_on_commit_callbacks, tmp_path
):
    make_report(world, "076", status="accepted", submitted_at=local(2020, 6, 9, 9, 0))
    make_report(world, "072", status="submitted", submitted_at=local(2020, 6, 12, 9, 0))
    summary = services.summary_save(
        period=six, by=world.users["tinh"], expected_version=0,
        data={"results": "Toàn tỉnh triển khai đồng bộ.", "number": "112/BC-MTTQ-BTT", "signer_title": "PHÓ CHỦ TỊCH", "signer_name": "Hoàng Thị Thanh Hương"},
    )  # fmt: skip
    summary = services.summary_issue(
        summary=summary, by=world.users["tinh"], expected_version=summary.version, issued_on=local(2020, 6, 20, 8).date()
    )
    document = _follow(
        client_for("tinh"), reverse("reports:summary_pdf", kwargs={"pk": six.pk}), django_capture_on_commit_callbacks
    )
    flat = " ".join(pdf_text(document, tmp_path).split())
    for expected in [
        "TỈNH TUYÊN QUANG", "Số: 112/BC-MTTQ-BTT", "Tuyên Quang, ngày 20 tháng 6 năm 2020", "BÁO CÁO",
        "Kính gửi: - Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam; - Ban Dân vận Tỉnh ủy.",
        "7 đơn vị phải báo cáo, hạn gửi ngày 10/6/2020; đã nhận 2 báo cáo (1 đúng hạn, 1 muộn: Huyện Na Hang muộn 2 ngày)",
        "Toàn tỉnh triển khai đồng bộ.", "Phụ lục I", "TỔNG HỢP SỐ LIỆU", "Phụ lục II", "TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC ĐƠN VỊ",
        "Huyện Sơn Dương", "Muộn 2 ngày", "2/7 đơn vị đã gửi", "Hoàng Thị Thanh Hương",
    ]:  # fmt: skip
        assert expected in flat, expected
    assert "DỰ THẢO" not in flat


def test_issuing_freezes_the_summary_figures(six, world):
    make_report(world, "076", status="submitted")
    summary = services.summary_save(period=six, by=world.users["tinh"], expected_version=0, data={"results": "Kết quả."})
    summary = services.summary_issue(summary=summary, by=world.users["tinh"], expected_version=summary.version)
    frozen = summary.frozen
    Registration.objects.create(
        campaign=world.campaign, kind="content", unit=world.units["073"], status="approved", title="Sau khi ban hành"
    )
    make_report(world, "072", status="submitted")
    summary.refresh_from_db()
    assert summary.frozen == frozen and frozen["counts"]["reported"] == 1
    with pytest.raises(services.AlreadySubmitted):
        services.summary_issue(summary=summary, by=world.users["tinh"], expected_version=summary.version)
    with pytest.raises(Exception, match="đã ban hành"):
        services.summary_save(period=six, by=world.users["tinh"], expected_version=summary.version, data={"results": "Sửa"})
    summary = services.summary_reopen(summary=summary, by=world.users["tinh"], expected_version=summary.version)
    assert summary.status == ConsolidatedReport.Status.DRAFT and summary.frozen is None


def test_only_the_receiving_committee_writes_the_summary(six, world):
    from django.core.exceptions import PermissionDenied

    for username in ("tuyengiao", "sonduong", "quansat"):
        with pytest.raises(PermissionDenied):
            services.summary_save(period=six, by=world.users[username], expected_version=0, data={"results": "x"})
    assert not Report.objects.exists()
