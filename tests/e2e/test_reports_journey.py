"""June 2020 in the browser: Sơn Dương writes and sends its six-month report on time, Na Hang sends
late, Ban Tuyên giáo returns one with comments and accepts the other, and the province sees
1 on time, 1 late and 5 missing, then downloads both reports and the consolidated report as PDFs
that read like official reports."""

import shutil
import subprocess

import pytest
import time_machine
from playwright.sync_api import expect

from reports.tests.factories import local, make_period

pytestmark = pytest.mark.e2e

RESULTS = (
    "Ban Thường trực Ủy ban MTTQ huyện Sơn Dương đã ban hành kế hoạch, hướng dẫn 31/31 xã, thị trấn đăng ký nội dung "
    "“Dân vận khéo”; tổ chức 12 hội nghị tuyên truyền tại khu dân cư."
)


def _pdf_text(download) -> str:
    text = subprocess.run(["pdftotext", "-layout", download.path(), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


def _download_pdf(page, button_name):
    page.get_by_role("button", name=button_name).click()  # asking for a PDF is a POST
    expect(page.locator("#document-status")).to_contain_text("Đã tạo xong", timeout=30_000)
    with page.expect_download() as info:
        page.locator("#document-status").get_by_role("link", name="Tải về").click()
    return info.value


def _send(page, login, username, text):
    page.context.clear_cookies()
    login(username)
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Báo cáo", exact=True).click()
    page.get_by_role("link", name="Báo cáo sơ kết 6 tháng đầu năm 2020").click()
    # htmx binds the autosave trigger when the page has loaded; typing before that saves nothing.
    page.wait_for_load_state("load")
    page.get_by_label("Kết quả đạt được").fill(text)
    expect(page.locator("#autosave-status")).to_contain_text("Đã tự lưu lúc", timeout=10_000)
    page.get_by_label("Họ tên người ký").fill("Trần Minh Tuấn" if username == "sonduong" else "Ma Thị Lan")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Gửi báo cáo").click()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_six_month_reports_from_writing_to_the_provincial_summary(e2e_world, page, live_server, login, csp_violations):
    url = live_server.url
    period = make_period(e2e_world)
    with time_machine.travel(local(2020, 6, 8, 9, 0), tick=True) as clock:
        # --- Sơn Dương writes (the draft saves itself) and sends on 8/6: on time -----------------
        _send(page, login, "sonduong", RESULTS)
        expect(page.locator(".portal-messages")).to_contain_text("Đã gửi báo cáo đúng hạn")
        expect(page.locator("main")).to_contain_text("Đúng hạn")

        # --- Na Hang sends on 12/6: two days late -------------------------------------------------
        clock.move_to(local(2020, 6, 12, 10, 0))
        _send(page, login, "nahang", "Ủy ban MTTQ huyện Na Hang đã hướng dẫn 12/12 xã, thị trấn đăng ký.")
        expect(page.locator(".portal-messages")).to_contain_text("muộn 2 ngày")

        # --- Ban Tuyên giáo returns Sơn Dương's with comments and accepts Na Hang's ---------------
        page.context.clear_cookies()
        login("tuyengiao")
        page.goto(f"{url}/bao-cao/ky/{period.pk}/")
        page.get_by_role("link", name="Huyện Sơn Dương").click()
        page.get_by_label("Ý kiến khi trả lại").fill("Đề nghị bổ sung số liệu mô hình và bài học kinh nghiệm.")
        page.get_by_role("button", name="Trả lại để bổ sung").click()
        expect(page.locator(".portal-messages")).to_contain_text("Đã trả lại báo cáo của Huyện Sơn Dương")
        page.goto(f"{url}/bao-cao/ky/{period.pk}/don-vi/072/")
        page.get_by_role("button", name="Tiếp nhận báo cáo").click()
        expect(page.locator(".portal-messages")).to_contain_text("Đã tiếp nhận báo cáo của Huyện Na Hang")

        # --- Sơn Dương reads the comment ---------------------------------------------------------
        page.context.clear_cookies()
        login("sonduong")
        page.goto(f"{url}/bao-cao/ky/{period.pk}/don-vi/076/")
        expect(page.locator("main")).to_contain_text("Đề nghị bổ sung số liệu mô hình và bài học kinh nghiệm.")

        # --- the province: 1 on time, 1 late, 5 missing; both PDFs and the summary -------------
        page.context.clear_cookies()
        login("tinh")
        page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Báo cáo", exact=True).click()
        page.get_by_role("link", name="Báo cáo sơ kết 6 tháng đầu năm 2020").click()
        expect(page.locator('[data-count="on_time"]')).to_have_text("1")
        expect(page.locator('[data-count="late"]')).to_have_text("1")
        expect(page.locator('[data-count="missing"]')).to_have_text("5")
        expect(page.locator('tr[data-unit="072"]')).to_contain_text("Muộn 2 ngày")
        expect(page.locator('tr[data-unit="076"]')).to_contain_text("Bị trả lại")

        page.get_by_role("link", name="Huyện Sơn Dương").click()
        sonduong = _pdf_text(_download_pdf(page, "Tải báo cáo PDF (lần gửi 1)"))
        for expected in ("HUYỆN SƠN DƯƠNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Sơn Dương, ngày 08 tháng 6 năm 2020", "BÁO CÁO",
                         "Kính gửi: Ban Thường trực Ủy ban MTTQ tỉnh.", "I. KẾT QUẢ ĐẠT ĐƯỢC", "12 hội nghị tuyên truyền",
                         "Nơi nhận:", "TM. BAN THƯỜNG TRỰC", "Trần Minh Tuấn", "Phụ lục"):  # fmt: skip
            assert expected in sonduong, expected

        page.goto(f"{url}/bao-cao/ky/{period.pk}/don-vi/072/")
        nahang = _pdf_text(_download_pdf(page, "Tải báo cáo PDF (lần gửi 1)"))
        assert "HUYỆN NA HANG" in nahang and "Na Hang, ngày 12 tháng 6 năm 2020" in nahang and "Ma Thị Lan" in nahang

        page.goto(f"{url}/bao-cao/ky/{period.pk}/")
        page.get_by_role("link", name="Báo cáo tổng hợp").click()
        page.get_by_label("Kết quả đạt được").fill(
            "Toàn tỉnh triển khai Phong trào thi đua “Dân vận khéo” đồng bộ ở 7/7 huyện, thành phố."
        )
        page.get_by_label("Họ tên người ký").fill("Hoàng Thị Thanh Hương")
        page.get_by_role("button", name="Lưu báo cáo tổng hợp").click()
        expect(page.locator(".portal-messages")).to_contain_text("Đã lưu báo cáo tổng hợp")
        summary = _pdf_text(_download_pdf(page, "Tải báo cáo tổng hợp PDF (dự thảo)"))
        for expected in ("TỈNH TUYÊN QUANG", "BÁO CÁO", "Kính gửi:", "đã nhận 2 báo cáo (1 đúng hạn, 1 muộn: Huyện Na Hang muộn 2 ngày)",
                         "Toàn tỉnh triển khai", "Phụ lục I", "Phụ lục II", "Hoàng Thị Thanh Hương"):  # fmt: skip
            assert expected in summary, expected
    assert csp_violations == []


def test_the_report_form_fits_a_phone(e2e_world, page, live_server, login, csp_violations):
    period = make_period(e2e_world)
    page.set_viewport_size({"width": 360, "height": 740})
    with time_machine.travel(local(2020, 6, 8, 9, 0), tick=True):
        login("sonduong")
        page.goto(f"{live_server.url}/bao-cao/ky/{period.pk}/don-vi/076/")
        expect(page.get_by_role("button", name="Gửi báo cáo")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        page.goto(f"{live_server.url}/bao-cao/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert csp_violations == []
