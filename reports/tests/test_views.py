"""The report pages: what each person sees and can do, autosave, refusals that keep the text,
fixed query counts."""

import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse

from reports import services
from reports.models import Report, ReportingPeriod
from reports.tests.factories import local, make_period, make_report
from units.models import Unit


def report_url(period, code, name="report_detail", **extra):
    return reverse(f"reports:{name}", kwargs={"pk": period.pk, "code": code, **extra})


def form(text, version, **extra):
    return {**text, "version": version, **extra}


@pytest.fixture(autouse=True)
def june_2020():
    # Ticking: history records of two quick saves must not share one timestamp.
    with time_machine.travel(local(2020, 6, 8, 10, 0), tick=True):
        yield


def test_officer_writes_saves_and_sends_from_the_page(six, client_for, text):
    c = client_for("sonduong")
    page = c.get(report_url(six, "076")).content.decode()
    assert 'name="results"' in page and "Gửi báo cáo" in page and 'hx-trigger="input delay:2s"' in page
    response = c.post(report_url(six, "076", "report_save"), form(text, 0))
    assert response.status_code == 302
    report = Report.objects.get(period=six, unit__code="076")
    response = c.post(report_url(six, "076", "report_submit"), form(text, report.version), follow=True)
    assert "Đã gửi báo cáo đúng hạn" in response.content.decode()
    report.refresh_from_db()
    assert report.status == "submitted" and report.days_late == 0


def test_autosave_answers_a_fragment_with_the_new_version(six, client_for, text):
    c = client_for("sonduong")
    response = c.post(report_url(six, "076", "report_save"), form(text, 0), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    report = Report.objects.get(period=six, unit__code="076")
    assert response.status_code == 200 and "Đã tự lưu lúc 10:00" in html
    assert f'name="version" value="{report.version}" id="id_version" hx-swap-oob="true"' in html
    # A second tab that still holds version 0 is told, and its text is not written.
    stale = c.post(
        report_url(six, "076", "report_save"), form({**text, "results": "Khác"}, 0), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "không tự lưu nữa" in stale and "hx-swap-oob" not in stale
    report.refresh_from_db()
    assert report.results == text["results"]


def test_a_stale_save_shows_what_changed_and_keeps_the_typed_text(six, client_for, text, world):
    report = services.report_save(period=six, unit=world.units["076"], by=world.users["sonduong"], expected_version=0, data=text)
    loaded = report.version
    services.report_save(
        period=six,
        unit=report.unit,
        by=world.users["sonduong"],
        expected_version=loaded,
        data={"results": "Bản đã lưu ở tab khác."},
    )
    response = client_for("sonduong").post(
        report_url(six, "076", "report_save"), form({**text, "results": "Bản tôi đang gõ."}, loaded)
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "Bản tôi đang gõ." in html and "Bản đã lưu ở tab khác." in html and "CHƯA được lưu" in html
    report.refresh_from_db()
    assert report.results == "Bản đã lưu ở tab khác."


def test_double_submit_from_the_page_gives_a_clear_message(six, client_for, text):
    c = client_for("sonduong")
    c.post(report_url(six, "076", "report_submit"), form(text, 0))
    response = c.post(report_url(six, "076", "report_submit"), form(text, 0), follow=True)
    assert "Lần bấm gửi thứ hai không được thực hiện" in response.content.decode()
    assert Report.objects.get(period=six, unit__code="076").versions.count() == 1


def test_submitting_to_a_closed_period_keeps_the_text_as_a_draft(six, client_for, text):
    six.status = ReportingPeriod.Status.CLOSED
    six.save()
    response = client_for("sonduong").post(report_url(six, "076", "report_submit"), form(text, 0), follow=True)
    html = response.content.decode()
    assert "đã khóa sổ" in html and "Nội dung đã được lưu nháp" in html
    report = Report.objects.get(period=six, unit__code="076")
    assert report.status == "draft" and report.results == text["results"]


def test_editing_an_accepted_report_is_refused_on_the_page(six, client_for, text, world):
    report = make_report(world, "076", status="accepted")
    c = client_for("sonduong")
    page = c.get(report_url(six, "076")).content.decode()
    assert 'name="results"' not in page and "Đã tiếp nhận" in page
    response = c.post(report_url(six, "076", "report_save"), form(text, report.version), follow=True)
    assert "đã khóa, không sửa được" in response.content.decode()


def test_reviewer_returns_with_a_comment_and_the_unit_reads_it(six, client_for, world):
    report = make_report(world, "076", status="submitted")
    c = client_for("tuyengiao")
    page = c.get(report_url(six, "076")).content.decode()
    assert "Tiếp nhận báo cáo" in page and "Trả lại để bổ sung" in page and "Mở lại báo cáo" not in page
    empty = c.post(report_url(six, "076", "report_return"), {"version": report.version, "comment": ""}, follow=True)
    assert "Hãy ghi ý kiến" in empty.content.decode()
    c.post(report_url(six, "076", "report_return"), {"version": report.version, "comment": "Bổ sung phần bài học kinh nghiệm."})
    page = client_for("sonduong").get(report_url(six, "076")).content.decode()
    assert "Bổ sung phần bài học kinh nghiệm." in page and 'name="results"' in page and "Gửi lại báo cáo" in page


def test_receivers_see_what_was_sent_not_the_working_draft(six, client_for, world):
    report = make_report(world, "076", status="returned", text="Nội dung lần gửi thứ nhất.")
    services.report_save(
        period=six,
        unit=report.unit,
        by=world.users["sonduong"],
        expected_version=report.version,
        data={"results": "Đang sửa dở."},
    )
    page = client_for("tinh").get(report_url(six, "076")).content.decode()
    assert "Nội dung lần gửi thứ nhất." in page and "Đang sửa dở." not in page
    assert "Đang sửa dở." in client_for("sonduong").get(report_url(six, "076")).content.decode()


def test_text_with_a_script_is_shown_as_text(six, client_for, world):
    make_report(world, "076", status="submitted", text="<script>alert('x')</script> Kết quả <b>tốt</b>")
    for url in (report_url(six, "076"), report_url(six, "076", "report_versions")):
        html = client_for("tinh").get(url).content.decode()
        assert "<script>alert" not in html and "&lt;script&gt;alert" in html


def test_completeness_counts_on_time_late_and_missing(six, client_for, world):
    make_report(world, "076", status="submitted", submitted_at=local(2020, 6, 10, 23, 59, 59))
    make_report(world, "072", status="submitted", submitted_at=local(2020, 6, 11, 0, 0, 0))
    make_report(world, "073", status="draft")
    html = client_for("tinh").get(reverse("reports:period_detail", kwargs={"pk": six.pk})).content.decode()
    assert 'data-count="required">7<' in html
    assert 'data-count="on_time">1<' in html and 'data-count="late">1<' in html and 'data-count="missing">5<' in html
    assert 'data-count="reporting_rate">29%<' in html and 'data-count="on_time_rate">14%<' in html
    assert "Muộn 1 ngày" in html
    missing = client_for("tinh").get(reverse("reports:period_detail", kwargs={"pk": six.pk}) + "?loc=missing").content.decode()
    assert missing.count("data-unit=") == 5 and 'data-unit="076"' not in missing


def test_drill_down_from_the_province_to_the_communes_of_a_district(six, client_for, world):
    communes = make_period(world, receiver="076", due_on=dt.date(2020, 6, 5))
    make_report(world, "02545", period=communes, status="submitted", submitted_at=local(2020, 6, 4, 9, 0))
    required = Unit.objects.valid_on(communes.due_on).committees().filter(parent=world.units["076"]).count()
    html = client_for("tinh").get(reverse("reports:period_detail", kwargs={"pk": six.pk})).content.decode()
    assert reverse("reports:period_detail", kwargs={"pk": communes.pk}) in html and f"1/{required} đã gửi" in html
    lower = client_for("tinh").get(reverse("reports:period_detail", kwargs={"pk": communes.pk})).content.decode()
    assert f'data-count="required">{required}<' in lower and 'data-count="on_time">1<' in lower
    assert reverse("reports:period_detail", kwargs={"pk": six.pk}) in lower  # breadcrumb back up
    # The district sees its communes' period, the commune writes to its district.
    assert client_for("sonduong").get(reverse("reports:period_detail", kwargs={"pk": communes.pk})).status_code == 200
    assert client_for("tantrao").get(report_url(communes, "02545")).status_code == 200
    assert client_for("nahang").get(reverse("reports:period_detail", kwargs={"pk": communes.pk})).status_code == 404


def test_the_page_costs_the_same_queries_with_a_level_above(six, client_for, world):
    """The breadcrumb's period one level up is read with the period itself: the province's page
    runs as many queries in a provincial deployment (nothing above) as in a national one (the
    central committee above the province)."""
    from django.db import connection
    from django.db.models import F, Value
    from django.db.models.functions import Concat
    from django.test.utils import CaptureQueriesContext

    def count():
        client = client_for("tinh")
        client.get(reverse("reports:period_detail", kwargs={"pk": six.pk}))  # warm caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("reports:period_detail", kwargs={"pk": six.pk})).status_code == 200
        return len(queries)

    alone = count()
    Unit.objects.update(path=Concat(Value("/VN"), F("path")), depth=F("depth") + 1)
    central = Unit.objects.create(code="VN", name="Ủy ban Trung ương MTTQ Việt Nam", level="central", kind="central",
                                  path="/VN/", depth=0, valid_from=dt.date(2000, 1, 1))  # fmt: skip
    Unit.objects.filter(code="08").update(parent=central)
    world.units["VN"] = central
    make_period(world, receiver="VN", due_on=dt.date(2020, 6, 15))
    assert count() == alone


def _add_districts(world, n):
    province = world.units["08"]
    Unit.objects.bulk_create(
        [
            Unit(code=f"9{i:04d}", name=f"Huyện Thử {i}", level="district", kind="district", parent=province,
                 path=f"{province.path}9{i:04d}/", depth=province.depth + 1, position=1000 + i)
            for i in range(n)
        ]
    )  # fmt: skip


@pytest.mark.parametrize(
    ("name", "user"),
    [("period_detail", "tinh"), ("period_export", "tinh"), ("summary_detail", "tinh"), ("index", "tinh"), ("index", "sonduong")],
)
def test_pages_run_the_same_number_of_queries_for_7_or_700_units(six, client_for, world, name, user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("reports:index") if name == "index" else reverse(f"reports:{name}", kwargs={"pk": six.pk})
    make_report(world, "076", status="submitted")
    make_report(world, "072", status="accepted")
    c = client_for(user)
    c.get(url)
    with CaptureQueriesContext(connection) as few:
        assert c.get(url).status_code == 200
    _add_districts(world, 693)
    for i, unit in enumerate(Unit.objects.filter(code__startswith="9")[:50]):
        Report.objects.create(period=six, unit=unit, status="submitted", submitted_at=local(2020, 6, 9, 8, 0), days_late=i % 3)
    with CaptureQueriesContext(connection) as many:
        response = c.get(url)
    assert response.status_code == 200
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]
    if name == "period_detail":
        assert 'data-count="required">700<' in response.content.decode()


def test_report_page_runs_a_fixed_number_of_queries(six, client_for, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from documents.tests.factories import pdf_upload

    report = make_report(world, "076", status="returned")
    url = report_url(six, "076")
    counts = {}
    for user in ("sonduong", "tuyengiao"):
        client_for(user).get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client_for(user).get(url).status_code == 200
        counts[user] = len(queries)
    for i in range(3):
        services.report_attachment_add(report=report, by=world.users["sonduong"], uploaded=pdf_upload(f"bien-ban-{i}.pdf"))
        report = services.report_submit(
            period=six,
            unit=report.unit,
            by=world.users["sonduong"],
            expected_version=report.version,
            data={"results": f"Lần {i}"},
        )
        report = services.report_return(
            report=report, by=world.users["tuyengiao"], expected_version=report.version, comment="Lại."
        )
    for user in ("sonduong", "tuyengiao"):
        with CaptureQueriesContext(connection) as queries:
            assert client_for(user).get(url).status_code == 200
        # Equal whatever the number of versions, events and files; the bound leaves room for the page frame (navigation, bell).
        assert len(queries) == counts[user] <= 25, (user, counts[user], len(queries))


def test_the_xlsx_has_one_row_per_unit_with_status_and_figures(six, client_for, world):
    from openpyxl import load_workbook

    make_report(world, "076", status="submitted", submitted_at=local(2020, 6, 9, 14, 30))
    make_report(world, "072", status="submitted", submitted_at=local(2020, 6, 12, 8, 0))
    response = client_for("tuyengiao").get(reverse("reports:period_export", kwargs={"pk": six.pk}))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0].startswith("Báo cáo sơ kết 6 tháng đầu năm 2020 — Ủy ban MTTQ tỉnh Tuyên Quang")
    header = rows[2]
    assert header[:4] == ("STT", "Mã đơn vị", "Đơn vị", "Gửi báo cáo") and "Mô hình “Dân vận khéo”" in header
    by_code = {r[1]: r for r in rows[3:10]}
    assert set(by_code) == {"070", "071", "072", "073", "074", "075", "076"}
    assert by_code["076"][3] == "Đúng hạn" and by_code["076"][4] == dt.datetime(2020, 6, 9, 14, 30)
    assert by_code["072"][3] == "Muộn" and by_code["072"][5] == 2
    assert by_code["073"][3] == "Chưa gửi" and by_code["073"][7].startswith("Số liệu hệ thống")
    assert rows[10][2] == "Tổng cộng" and rows[10][3] == "2/7 đã gửi"


def test_opening_a_period_validates_dates_in_vietnamese(client_for):
    c = client_for("tinh")
    data = {
        "campaign": "", "kind": "six_month", "title": "Thử", "covers_from": "2020-06-30", "covers_to": "2020-01-01",
        "due_on": "2019-12-01", "receiving_unit": "08", "audience": "children", "version": 0,
    }  # fmt: skip
    from campaigns.models import Campaign

    data["campaign"] = Campaign.objects.get(year=2020).pk
    html = c.post(reverse("reports:period_create"), data).content.decode()
    assert "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu" in html and "Hạn gửi không được trước" in html
    assert not ReportingPeriod.objects.exists()


def test_a_district_asks_its_communes_to_report(client_for, world):
    from campaigns.models import Campaign

    c = client_for("sonduong")
    page = c.get(reverse("reports:period_create")).content.decode()
    assert '<option value="076"' in page and '<option value="08"' not in page
    data = {
        "campaign": Campaign.objects.get(year=2020).pk, "kind": "six_month", "title": "Báo cáo 6 tháng các xã",
        "covers_from": "2020-01-01", "covers_to": "2020-05-31", "due_on": "2020-06-05", "receiving_unit": "076",
        "audience": "selected", "selected_units": ["02545"], "version": 0,
    }  # fmt: skip
    response = c.post(reverse("reports:period_create"), data)
    period = ReportingPeriod.objects.get(receiving_unit__code="076")
    assert response.status_code == 302 and list(period.selected_units.values_list("code", flat=True)) == ["02545"]
    again = c.post(reverse("reports:period_create"), data).content.decode()
    assert "đã có kỳ báo cáo sơ kết 6 tháng" in again
    home = client_for("tantrao").get(reverse("home")).content.decode()
    assert "Báo cáo 6 tháng các xã" in home
    index = client_for("tantrao").get(reverse("reports:index")).content.decode()
    assert report_url(period, "02545") in index
    # Sơn Dương may not open a period for the province.
    forged = c.post(reverse("reports:period_create"), {**data, "receiving_unit": "08", "audience": "children"}).content.decode()
    assert "Hãy chọn một lựa chọn hợp lệ" in forged or "Select a valid choice" in forged


def test_home_shows_the_report_due_and_the_reports_waiting(six, client_for, world):
    make_report(world, "072", status="submitted")
    sonduong_home = client_for("sonduong").get(reverse("home")).content.decode()
    assert "Báo cáo định kỳ phải gửi" in sonduong_home and "Còn 2 ngày" in sonduong_home
    tuyengiao_home = client_for("tuyengiao").get(reverse("home")).content.decode()
    assert "Báo cáo cấp dưới gửi lên" in tuyengiao_home and "1 chờ tiếp nhận" in tuyengiao_home


def test_versions_page_shows_word_changes_and_figure_changes(six, client_for, world):
    report = make_report(world, "076", status="returned", text="Đã tổ chức 5 hội nghị.")
    services.report_submit(
        period=six,
        unit=report.unit,
        by=world.users["sonduong"],
        expected_version=report.version,
        data={"results": "Đã tổ chức 7 hội nghị."},
    )
    html = client_for("tuyengiao").get(report_url(six, "076", "report_versions")).content.decode()
    assert "<del>5</del><ins>7</ins>" in html.replace("\n", "")
    assert "có thay đổi" in html and "không đổi" in html
