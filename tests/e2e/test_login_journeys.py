"""Each demo account logs in through the browser and sees a home page made for its role."""

import re

import pytest
from playwright.sync_api import expect

from .nav import nav_click

pytestmark = pytest.mark.e2e

HOMES = {
    "tinh": ("Hoàng Thị Thanh Hương", "Cán bộ Ủy ban MTTQ tỉnh · Tỉnh Tuyên Quang", ["Người dùng", "Đơn vị"]),
    "tuyengiao": ("Nguyễn Văn Đức", "Ban Tuyên giáo (nhận báo cáo) · Ban Tuyên giáo", ["Đơn vị"]),
    "sonduong": ("Trần Minh Tuấn", "Cán bộ phụ trách đơn vị · Huyện Sơn Dương", ["Người dùng", "Đơn vị"]),
    "nahang": ("Ma Thị Lan", "Cán bộ phụ trách đơn vị · Huyện Na Hang", ["Người dùng", "Đơn vị"]),
    "tantrao": ("Lê Văn Hòa", "Cán bộ phụ trách đơn vị · Xã Tân Trào", ["Người dùng", "Đơn vị"]),
    "canbo": ("Phạm Thị Mai", "Cán bộ, đảng viên · Huyện Sơn Dương", []),
    "quansat": ("Đỗ Quang Vinh", "Theo dõi (chỉ xem) · Tỉnh Tuyên Quang", ["Đơn vị"]),
}


def test_each_demo_account_sees_its_own_home_page(e2e_world, page, login, live_server, csp_violations):
    for username, (name, role_line, nav) in HOMES.items():
        page.context.clear_cookies()
        login(username)
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Xin chào, {name}")
        expect(page.locator("main")).to_contain_text(role_line)
        navigation = page.get_by_role("navigation", name="Điều hướng chính")
        for label in nav:
            assert navigation.get_by_role("link", name=label, exact=True, include_hidden=True).count() == 1, (username, label)
        if username == "canbo":
            assert navigation.get_by_role("link", name="Người dùng", exact=True, include_hidden=True).count() == 0
    assert csp_violations == []


def test_wrong_password_shows_a_vietnamese_message(e2e_world, page, live_server):
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("tinh")
    page.get_by_label("Mật khẩu").fill("sai")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator("main")).to_contain_text("Tên đăng nhập hoặc mật khẩu không đúng")


def test_phone_width_navigation_works(e2e_world, page, login, live_server):
    page.set_viewport_size({"width": 360, "height": 740})
    login("sonduong")
    # Nothing wider than the screen: no horizontal scrolling at 360 px.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    nav_click(page, "Đơn vị")  # the menu button, then “Quản lý”, then the link
    page.wait_for_url(f"{live_server.url}/don-vi/076/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ủy ban MTTQ huyện Sơn Dương")


def test_officer_of_another_district_gets_not_found(e2e_world, page, login, live_server):
    login("nahang")
    response = page.goto(f"{live_server.url}/don-vi/076/")
    assert response.status == 404
    expect(page.locator("main")).to_contain_text("Không tìm thấy")


def test_provincial_staff_navigation_fits_one_line_of_an_office_screen(e2e_world, page, login, live_server):
    """Fourteen destinations for provincial staff: the daily ones in the bar, the others in two
    menus, all on one line at 1280 px; a menu opens on click and marks where the person is."""
    page.set_viewport_size({"width": 1280, "height": 800})
    login("tinh")
    navigation = page.get_by_role("navigation", name="Điều hướng chính")
    entries = navigation.locator("ul.navbar-nav > li")
    tops = {round(box["y"]) for box in (entries.nth(i).bounding_box() for i in range(entries.count()))}
    assert len(tops) == 1, tops
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    expect(navigation.get_by_role("link", name="Nhật ký thư", exact=True)).to_be_hidden()
    nav_click(page, "Nhật ký thư")
    page.wait_for_url(f"{live_server.url}/thong-bao/nhat-ky-thu/**")
    expect(navigation.get_by_role("button", name="Quản lý")).to_have_class(re.compile(r"\bactive\b"))
