"""A cadre registers a task on a phone; the district approves it; the cadre reports progress with a
photo; the province finds it without diacritics, sees it in the statistics and exports it; the
officer of another district cannot open it."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from documents.tests.factories import png_bytes

pytestmark = pytest.mark.e2e

TITLE = "Hướng dẫn 5 hộ nghèo thôn Đồng Bèn nuôi ong lấy mật"


def _registration():
    from registrations.models import Registration

    return Registration.objects.get(title=TITLE)


def test_task_from_phone_to_province_statistics_and_export(e2e_world, page, browser, live_server, login, csp_violations):
    from campaigns.models import Campaign
    from registrations.services.fields import fields_ensure_defaults

    for campaign in Campaign.objects.all():
        fields_ensure_defaults(campaign)
    url = live_server.url
    # --- canbo registers on a 360 px wide phone ---------------------------------------------
    phone = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    mobile = phone.new_page()
    mobile.on("console", lambda msg: csp_violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    login("canbo", target=mobile)
    mobile.get_by_role("link", name="Đăng ký việc làm").click()
    expect(mobile.get_by_role("heading", level=1)).to_have_text("Đăng ký việc làm “Dân vận khéo”")
    mobile.wait_for_load_state("load")  # the autosave script binds on load
    mobile.get_by_label("Việc làm “Dân vận khéo” đăng ký").fill(TITLE)
    expect(mobile.locator("#autosave-status")).to_contain_text("Đã lưu nháp lúc", timeout=10_000)
    assert _registration().status == "draft"  # saved as she types
    mobile.get_by_label("Lĩnh vực").select_option(label="Kinh tế")
    mobile.get_by_label("Bắt đầu").fill("2020-04-01")
    mobile.get_by_label("Kết thúc").fill("2020-10-31")
    mobile.get_by_label("Kết quả dự kiến").fill("5 hộ có thêm thu nhập từ mật ong")
    mobile.get_by_text("Chỉ tiêu đo được (không bắt buộc)").click()
    mobile.locator("input[name='chi_tieu-0-name']").fill("Hộ nuôi ong")
    mobile.locator("input[name='chi_tieu-0-unit_of_measure']").fill("hộ")
    mobile.locator("input[name='chi_tieu-0-target_value']").fill("5")
    assert mobile.evaluate("document.documentElement.scrollWidth") <= 360
    mobile.get_by_role("button", name="Gửi duyệt").dblclick()  # a double tap
    expect(mobile.locator(".portal-messages")).to_contain_text("Đã gửi đăng ký để cấp có thẩm quyền duyệt")
    registration = _registration()
    assert registration.status == "submitted" and registration.transitions.count() == 1
    assert registration.targets.get().name == "Hộ nuôi ong"
    detail = f"{url}/dang-ky/{registration.pk}/"

    # --- sonduong approves it from his home page ------------------------------------------------
    office = browser.new_context(viewport={"width": 1280, "height": 900})
    desk = office.new_page()
    login("sonduong", target=desk)
    desk.get_by_role("link", name=TITLE).click()
    desk.get_by_label("Ý kiến (không bắt buộc)").fill("Đồng ý, chú ý hướng dẫn kỹ thuật")
    desk.get_by_role("button", name="Duyệt", exact=True).click()
    expect(desk.locator(".portal-messages")).to_contain_text("Đã duyệt đăng ký.")
    office.close()

    # --- canbo adds progress with a photo ---------------------------------------------------------
    mobile.goto(detail)
    expect(mobile.locator("main")).to_contain_text("Đã duyệt")
    mobile.get_by_role("link", name="Cập nhật tiến độ").first.click()
    mobile.get_by_label("Đã hoàn thành (%)").fill("40")
    mobile.get_by_label("Nội dung đã thực hiện").fill("Đã hướng dẫn 2 hộ làm thùng nuôi ong.")
    mobile.get_by_label("Hộ nuôi ong (hộ)").fill("2")
    mobile.get_by_label("Ảnh, tài liệu minh chứng").set_input_files(
        files=[{"name": "anh-thung-ong.png", "mimeType": "image/png", "buffer": png_bytes(size=(800, 600))}]
    )
    mobile.get_by_role("button", name="Lưu cập nhật").click()
    expect(mobile.locator(".portal-messages")).to_contain_text("Đã cập nhật tiến độ")
    thumbnail = mobile.locator(".evidence img")
    expect(thumbnail).to_have_count(1)
    # The thumbnail is loading="lazy": bring it on screen, then wait for it to decode (a broken
    # image never gets a width, and the wait fails).
    thumbnail.scroll_into_view_if_needed()
    mobile.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=thumbnail.element_handle())
    assert _registration().status == "in_progress"
    thumb_url = thumbnail.get_attribute("src")
    phone.close()

    # --- tinh searches without diacritics, sees the statistics, exports .xlsx ---------------------
    login("tinh")
    page.get_by_role("link", name="Đăng ký", exact=True).click()
    page.get_by_label("Tìm kiếm").fill("ho ngheo thon dong ben")
    page.get_by_role("button", name="Tìm").click()
    expect(page.locator(".registration-list")).to_contain_text(TITLE)
    expect(page.locator("#result-count")).to_have_text("1 đăng ký")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Xuất Excel (.xlsx)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(Path(download.path()).read_bytes())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0].startswith("DANH SÁCH ĐĂNG KÝ “DÂN VẬN KHÉO”")
    assert rows[2][3] == "Tên nội dung, việc làm, mô hình" and rows[3][3] == TITLE and rows[3][5] == "Phạm Thị Mai"
    page.get_by_role("link", name="Thống kê").click()
    son_duong = page.locator("table").first.locator("tr", has_text="Huyện Sơn Dương")
    expect(son_duong.locator("td").nth(1)).to_have_text("1")  # one task
    cadres = page.locator("table").nth(1).locator("tr", has_text="Huyện Sơn Dương")
    expect(cadres).to_contain_text("100,0%")
    expect(page.locator("main")).to_contain_text("Cán bộ, đảng viên đăng ký việc làm")
    assert csp_violations == []

    # The officer of Na Hang does not learn it exists.
    other = browser.new_context()
    stranger = other.new_page()
    login("nahang", target=stranger)
    response = stranger.goto(detail)
    assert response.status == 404
    expect(stranger.locator("main")).to_contain_text("Không tìm thấy")
    assert stranger.goto(url + thumb_url).status == 404  # nor its photo
    assert stranger.goto(f"{url}/dang-ky/?q=nuoi+ong").ok
    expect(stranger.locator("#result-count")).to_have_text("0 đăng ký")
    other.close()
