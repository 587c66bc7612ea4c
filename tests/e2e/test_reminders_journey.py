"""Deadline reminders in the browser (issue 7, "Done when"): on 7 June 2020, with only Huyện Sơn
Dương's six-month report sent, the sweep reminds the other six districts 3 days ahead; run again it
sends nothing; on 11 June overdue notices reach the six districts and the province. The notices
show in each officer's notification centre, in the mail log and in the record of urging."""

import datetime as dt
import io
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from .nav import nav_click

pytestmark = pytest.mark.e2e

LOCAL = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def send_reminders() -> list[str]:
    out = io.StringIO()
    call_command("send_reminders", stdout=out, stderr=io.StringIO())
    return out.getvalue().splitlines()


@pytest.fixture
def june_2020(e2e_world):
    from reminders.demo import ensure_district_officers
    from reports.models import Report, ReportingPeriod

    ensure_district_officers(e2e_world.units)
    period = ReportingPeriod.objects.create(
        campaign=e2e_world.campaign,
        kind="six_month",
        title="Báo cáo sơ kết 6 tháng đầu năm 2020",
        covers_from=dt.date(2020, 1, 1),
        covers_to=dt.date(2020, 6, 30),
        due_on=dt.date(2020, 6, 10),
        receiving_unit=e2e_world.units["08"],
    )
    sent = dt.datetime(2020, 6, 5, 9, tzinfo=LOCAL)
    Report.objects.create(
        period=period, unit=e2e_world.units["076"], status="submitted", submitted_at=sent, last_submitted_at=sent, days_late=0
    )
    return period


def test_reminders_reach_the_districts_then_overdue_notices_reach_the_province(
    june_2020, page, login, live_server, csp_violations
):
    with time_machine.travel(dt.datetime(2020, 6, 7, 7, 0, tzinfo=LOCAL), tick=True):
        lines = send_reminders()
        assert lines[-1] == "total: 6"
        assert not any("Sơn Dương" in line for line in lines)
        assert send_reminders() == ["total: 0"]
        assert len(mail.outbox) == 6

        login("nahang")
        bell = page.get_by_role("link", name="Thông báo: 1 chưa đọc")
        expect(bell).to_be_visible()
        bell.click()
        notice = page.get_by_role("button", name="Còn 3 ngày đến hạn gửi báo cáo sơ kết 6 tháng đầu năm 2020 (hạn 10/6/2020)")
        expect(notice).to_be_visible()
        notice.click()
        page.wait_for_url(f"{live_server.url}/bao-cao/ky/{june_2020.pk}/don-vi/072/")
        expect(page.get_by_role("link", name="Thông báo", exact=True)).to_be_visible()  # read: no unread count any more

        page.context.clear_cookies()
        login("sonduong")
        expect(page.get_by_role("link", name="Thông báo", exact=True)).to_be_visible()  # Sơn Dương reported: nothing for it

    with time_machine.travel(dt.datetime(2020, 6, 11, 7, 0, tzinfo=LOCAL), tick=True):
        lines = send_reminders()
        assert lines[-1] == "total: 6" and all("quá hạn 1 ngày" in line for line in lines[:-1])

        page.context.clear_cookies()
        login("tinh")
        page.get_by_role("link", name="Thông báo: 1 chưa đọc").click()
        digest = page.get_by_role("button", name="6 đơn vị chưa gửi báo cáo sơ kết 6 tháng đầu năm 2020, quá hạn 1 ngày")
        expect(digest).to_be_visible()
        for district in (
            "Thành phố Tuyên Quang",
            "Huyện Lâm Bình",
            "Huyện Na Hang",
            "Huyện Chiêm Hóa",
            "Huyện Hàm Yên",
            "Huyện Yên Sơn",
        ):
            expect(page.locator("main")).to_contain_text(f"- {district}")
        digest.click()
        page.wait_for_url(f"{live_server.url}/bao-cao/ky/{june_2020.pk}/")

        page.goto(f"{live_server.url}/thong-bao/nhat-ky-thu/")
        log = page.locator("main")
        expect(log).to_contain_text("Quá hạn 1 ngày: chưa gửi báo cáo sơ kết 6 tháng đầu năm 2020 (hạn 10/6/2020)")
        expect(log).to_contain_text("nahang@mttq-tuyenquang.local")
        expect(log).to_contain_text("tinh@mttq-tuyenquang.local")

        nav_click(page, "Nhắc hạn")
        expect(page.get_by_role("heading", level=1)).to_have_text("Nhật ký nhắc hạn")
        expect(page.locator("main")).to_contain_text("12 lần nhắc · 12 đã gửi · 6 báo quá hạn")
        page.get_by_label("Bước").select_option("qua")
        page.get_by_role("button", name="Lọc").click()
        expect(page.locator("main")).to_contain_text("6 lần nhắc")
        row = page.locator("tr", has_text="Huyện Na Hang")
        expect(row).to_contain_text("Ma Thị Lan · chưa đọc · e-mail đã gửi")
        expect(row).to_contain_text("Cấp trên (Tỉnh Tuyên Quang): Hoàng Thị Thanh Hương · đã đọc")
        page.get_by_label("Bước").select_option("truoc")
        page.get_by_role("button", name="Lọc").click()
        expect(page.locator("tr", has_text="Huyện Na Hang")).to_contain_text("Ma Thị Lan · đã đọc")  # opened on 7 June

        page.set_viewport_size({"width": 360, "height": 740})
        page.reload()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert csp_violations == []
