"""The dashboards in the browser: the province's staff open the province's dashboard, find Sơn
Dương's row with its report sent on time, drill down to its communes and open the print view; the
officer of Sơn Dương sees only his district and gets 404 for Na Hang. No CSP violation."""

import pytest
from playwright.sync_api import expect

from reports.tests.factories import local, make_period, make_report

pytestmark = pytest.mark.e2e


@pytest.fixture
def dashboard_data(e2e_world):
    from plans.tests import factories as plan_factories
    from registrations.tests.factories import make_registration

    world = e2e_world
    plan_factories.province_plan(world)
    make_registration(unit=world.units["076"], kind="task", person=world.users["canbo"], status="approved")
    make_registration(unit=world.units["02545"], kind="model", status="evaluated", title="Mô hình đường làng Tân Trào")
    make_period(world)
    make_report(world, "076", status="submitted", submitted_at=local(2020, 6, 9, 10, 0))
    return world


def test_province_drills_down_to_a_district_and_prints(page, live_server, login, csp_violations, dashboard_data, tmp_path):
    login("tinh")
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Bảng điều khiển").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bảng điều khiển: Ủy ban MTTQ tỉnh Tuyên Quang")
    row = page.locator("tr[data-unit='076']")
    expect(row).to_contain_text("Gửi đúng hạn")
    expect(row).to_contain_text("Tốt")
    expect(page.locator("tr[data-unit='072']")).to_contain_text("Quá hạn, chưa gửi")
    expect(page.locator("svg[role='img']").first).to_be_visible()
    expect(page.locator("[data-kpi='plans']")).to_contain_text("1/")
    page.screenshot(path=str(tmp_path / "province.png"), full_page=True)

    row.get_by_role("link", name="Huyện Sơn Dương").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bảng điều khiển: Ủy ban MTTQ huyện Sơn Dương")
    commune = page.locator("tr[data-unit='02545']")
    expect(commune).to_contain_text("Xã Tân Trào")
    expect(page.locator("[data-kpi='registrations']")).to_contain_text("2")
    expect(page.get_by_role("link", name="Tỉnh Tuyên Quang")).to_be_visible()  # back up the tree

    page.get_by_role("link", name="Bản in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tình hình phong trào thi đua")
    expect(page.locator("body.dash-print")).to_be_visible()
    expect(page.get_by_role("navigation", name="Điều hướng chính")).to_have_count(0)
    expect(page.locator("tr[data-unit='02545']")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="In trang này")).to_be_hidden()
    page.emulate_media(media="screen")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/bang-dieu-khien/08/")
    page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    assert csp_violations == []


def test_district_officer_sees_only_his_district(page, live_server, login, csp_violations, dashboard_data):
    login("sonduong")
    page.goto(f"{live_server.url}/bang-dieu-khien/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bảng điều khiển: Ủy ban MTTQ huyện Sơn Dương")
    expect(page.locator("tr[data-unit='02545']")).to_be_visible()
    expect(page.locator("tr[data-unit='072']")).to_have_count(0)
    response = page.goto(f"{live_server.url}/bang-dieu-khien/072/")
    assert response.status == 404
    response = page.goto(f"{live_server.url}/bang-dieu-khien/08/")
    assert response.status == 404
    assert csp_violations == []
