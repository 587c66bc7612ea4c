"""After the 2025 map is imported, provincial staff move the people of the closed units: the
commune officer whose commune kept its code is confirmed in one click, a district officer is
moved to a commune found by a search typed without diacritics, another is ended; on a phone too."""

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from .nav import nav_click

pytestmark = pytest.mark.e2e

MAP_2025 = Path(settings.BASE_DIR) / "units" / "data" / "tuyen_quang_2025.csv"


@pytest.fixture
def reformed(e2e_world):
    from units.services import units_import

    units_import(data=MAP_2025.read_bytes(), valid_from=dt.date(2025, 7, 1), close_missing=True)
    return e2e_world


def test_provincial_staff_move_the_people_of_closed_units(reformed, page, login, live_server, csp_violations):
    from accounts.models import Membership

    page.set_viewport_size({"width": 1280, "height": 900})
    login("tinh")
    expect(page.locator("main")).to_contain_text("4 vai trò còn ở đơn vị đã hết hiệu lực")
    nav_click(page, "Sắp xếp đơn vị")
    page.wait_for_url(f"{live_server.url}/tai-khoan/sap-xep-don-vi/")
    main = page.locator("main")
    expect(main).to_contain_text("4 vai trò chờ chuyển, 1 vai trò có đơn vị kế thừa đề xuất.")

    # Xã Tân Trào kept its code: its officer is confirmed in one click.
    page.get_by_role("button", name="Xác nhận chuyển Lê Văn Hòa sang Xã Tân Trào").click()
    expect(page.locator(".portal-messages")).to_contain_text("Đã chuyển Lê Văn Hòa (Cán bộ phụ trách đơn vị)")
    expect(main).not_to_contain_text("Lê Văn Hòa")

    # Huyện Sơn Dương has no successor: its officer goes to a commune found without diacritics.
    page.get_by_role("link", name="Chọn đơn vị chuyển đến cho Trần Minh Tuấn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chuyển vai trò của Trần Minh Tuấn")
    page.get_by_label("Tìm đơn vị (gõ không dấu cũng được)").fill("dong tho")
    page.get_by_role("button", name="Tìm", exact=True).click()
    page.get_by_label("Xã Đông Thọ").check()
    page.get_by_role("button", name="Chuyển đến đơn vị đã chọn").click()
    page.wait_for_url(f"{live_server.url}/tai-khoan/sap-xep-don-vi/")
    expect(page.locator(".portal-messages")).to_contain_text("từ Huyện Sơn Dương sang Xã Đông Thọ")

    # Huyện Na Hang's officer is ended, after the browser asks.
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("li", has_text="Ma Thị Lan").get_by_role("button", name="Kết thúc vai trò").click()
    expect(page.locator(".portal-messages")).to_contain_text("Đã kết thúc vai trò Cán bộ phụ trách đơn vị của Ma Thị Lan")

    moved = {m.user.username: m.unit for m in Membership.objects.filter(is_active=True).select_related("user", "unit")}
    assert (moved["tantrao"].path, moved["sonduong"].name) == ("/08/02545/", "Xã Đông Thọ")
    assert "nahang" not in moved

    # On a phone the list reads without sideways scrolling.
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/tai-khoan/sap-xep-don-vi/")
    expect(main).to_contain_text("Phạm Thị Mai")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert csp_violations == []
