"""The plans journey in Chromium: the province opens its 2020 plan and downloads the PDF; Sơn Dương
derives, edits and issues its plan; the province sees 1 of 7 districts with an issued plan and
urges an overdue task of Na Hang; Na Hang sees the urging."""

import re
import shutil
import subprocess

import pytest
from playwright.sync_api import expect

from plans.tests import factories as plan_factories

pytestmark = pytest.mark.e2e


def _nav(page, label):
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name=label, exact=True).click()


def _open_nav(page):
    toggler = page.get_by_role("button", name="Mở menu")
    if toggler.is_visible():
        toggler.click()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_plan_cascade_and_urging_journey(e2e_world, page, login, live_server, csp_violations, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"  # the PDFs rendered here stay in this test's folder
    province_plan = plan_factories.province_plan(e2e_world)
    page.on("dialog", lambda dialog: dialog.accept())  # the data-confirm questions

    # 1. The province opens the seed plan and downloads a PDF that reads like the seed document.
    login("tinh")
    _nav(page, "Kế hoạch")
    page.get_by_role("link", name="04/KH-MTTQ-BTT", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kế hoạch số 04/KH-MTTQ-BTT")
    expect(page.locator("article")).to_contain_text("Ủy ban MTTQ các huyện, thành phố")
    page.get_by_role("button", name="Tải PDF").click()
    download_link = page.get_by_role("link", name=re.compile("Tải về ke-hoach-04"))
    expect(download_link).to_be_visible(timeout=30_000)
    with page.expect_download() as info:
        download_link.click()
    path = tmp_path / "plan.pdf"
    info.value.save_as(path)
    text = " ".join(
        subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    for expected in [
        "ỦY BAN MTTQ VIỆT NAM",
        "TỈNH TUYÊN QUANG",
        "BAN THƯỜNG TRỰC",
        "Số: 04/KH-MTTQ-BTT",
        "Tuyên Quang, ngày 12 tháng 02 năm 2020",
        "KẾ HOẠCH",
        "III. TỔ CHỨC THỰC HIỆN",
        "Nơi nhận:",
    ]:
        assert expected in text, expected

    # 2. Sơn Dương derives its plan from the province's, edits it and issues it.
    page.context.clear_cookies()
    login("sonduong")
    page.goto(f"{live_server.url}/ke-hoach/{province_plan.pk}/")
    page.get_by_role("button", name="Xây dựng kế hoạch của Ủy ban MTTQ huyện Sơn Dương").click()
    expect(page.locator(".portal-messages")).to_contain_text("Đã tạo dự thảo kế hoạch của đơn vị từ kế hoạch cấp trên")
    expect(page.locator("article")).to_contain_text("Căn cứ Kế hoạch số 04/KH-MTTQ-BTT ngày 12/02/2020")
    page.get_by_role("link", name="Sửa phần đầu, nơi nhận, người ký").click()
    page.get_by_label("Ngày văn bản").fill("2020-02-25")
    page.get_by_label("Họ và tên người ký").fill("Trần Minh Tuấn")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".portal-messages")).to_contain_text("Đã lưu phần đầu kế hoạch.")
    page.get_by_role("link", name="Thêm nhiệm vụ").first.click()
    page.get_by_label("Nội dung nhiệm vụ").fill("Tổ chức hội nghị quán triệt kế hoạch cho Ủy ban MTTQ các xã, thị trấn")
    page.get_by_label("Hạn hoàn thành").fill("2020-02-10")
    page.get_by_role("button", name="Lưu nhiệm vụ").click()
    # A due date before the plan's date is refused, and what was typed stays.
    expect(page.locator("main")).to_contain_text("trước ngày của kế hoạch (25/2/2020)")
    expect(page.get_by_label("Nội dung nhiệm vụ")).to_have_value(
        "Tổ chức hội nghị quán triệt kế hoạch cho Ủy ban MTTQ các xã, thị trấn"
    )
    page.get_by_label("Hạn hoàn thành").fill("2020-03-10")
    page.get_by_role("button", name="Lưu nhiệm vụ").click()
    expect(page.locator("article")).to_contain_text("Tổ chức hội nghị quán triệt kế hoạch")
    page.get_by_role("button", name="Ban hành kế hoạch").click()
    expect(page.locator(".portal-messages")).to_contain_text("Đã ban hành Kế hoạch số 01/KH-MTTQ-BTT")
    expect(page.get_by_role("button", name="Điều chỉnh kế hoạch")).to_be_visible()
    page.get_by_role("link", name="So sánh với kế hoạch cấp trên").click()
    expect(page.locator("main")).to_contain_text("mục thêm")

    # 3. The province sees 1 of 7 districts with an issued plan.
    page.context.clear_cookies()
    login("tinh")
    page.goto(f"{live_server.url}/ke-hoach/{province_plan.pk}/")
    page.get_by_role("link", name="Đơn vị cấp dưới: 1/7 đã ban hành").click()
    expect(page.locator("#cascade-summary")).to_contain_text("1/7 đơn vị đã ban hành kế hoạch")

    # 4. The province urges an overdue task of Huyện Na Hang from the follow-up page.
    _open_nav(page)
    _nav(page, "Theo dõi, đôn đốc")
    page.get_by_label("Tình trạng").select_option("overdue")
    page.get_by_label("Đơn vị", exact=True).select_option(label="Huyện Na Hang")
    page.get_by_role("button", name="Lọc").click()
    page.get_by_role("checkbox", name=re.compile("Chọn Huyện Na Hang: Xây dựng kế hoạch")).check()
    page.get_by_label("Số công văn").fill("15/MTTQ-BTT")
    page.get_by_role("button", name="Gửi đôn đốc").click()
    expect(page.locator(".portal-messages")).to_contain_text("Đã gửi đôn đốc tới 1 đơn vị: Huyện Na Hang")
    page.get_by_role("button", name="In công văn đôn đốc (PDF)").click()
    expect(page.get_by_role("link", name=re.compile("Tải về cong-van-don-doc-15"))).to_be_visible(timeout=30_000)

    # 5. Na Hang sees the urging: a notification and the record on its task.
    page.context.clear_cookies()
    login("nahang")
    expect(page.locator("main")).to_contain_text("đôn đốc")
    _open_nav(page)
    _nav(page, "Kế hoạch")
    page.get_by_role("link", name="Việc được giao").click()
    page.get_by_role("link", name=re.compile("^Xây dựng kế hoạch triển khai")).first.click()
    expect(page.locator("#don-doc")).to_contain_text("Đôn đốc của cấp trên (1)")
    expect(page.locator("main")).to_contain_text("Ủy ban MTTQ tỉnh Tuyên Quang đôn đốc (công văn số 15/MTTQ-BTT)")
    assert csp_violations == []


def test_plan_pages_fit_a_phone_screen(e2e_world, page, login, live_server):
    province_plan = plan_factories.province_plan(e2e_world)
    page.set_viewport_size({"width": 360, "height": 740})
    login("tinh")
    for path in [
        f"/ke-hoach/{province_plan.pk}/",
        "/ke-hoach/",
        "/ke-hoach/theo-doi/",
        f"/ke-hoach/{province_plan.pk}/cap-duoi/",
    ]:
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
