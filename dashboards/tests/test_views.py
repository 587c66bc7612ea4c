"""The dashboard pages: who sees what, what the page shows, the print view, the CSV, and a number
of queries that does not grow with the data."""

import datetime as dt
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import Unit
from registrations.models import Registration

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
MAX_QUERIES = 12


@pytest.fixture
def in_2020(time_machine):
    time_machine.move_to(dt.datetime(2020, 6, 15, 9, 0, tzinfo=VN), tick=True)
    return dt.date(2020, 6, 15)


@pytest.fixture
def data(world, in_2020):
    from campaigns.tests import plan_factories
    from registrations.testing import make_registration
    from reports.testing import local, make_period, make_report

    plan_factories.province_plan(world)
    make_registration(unit=world.units["076"], kind="task", person=world.users["canbo"], status="approved")
    make_registration(unit=world.units["02545"], kind="model", status="evaluated", title="Mô hình Tân Trào")
    make_period(world)
    make_report(world, "076", status="submitted", submitted_at=local(2020, 6, 9, 10, 0))
    make_report(world, "072", status="submitted", submitted_at=local(2020, 6, 12, 10, 0))
    return world


def test_province_staff_sees_the_province_with_every_district_and_lights_in_words(client_for, data):
    response = client_for("tinh").get(reverse("dashboards:overview"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bảng điều khiển: Ủy ban MTTQ tỉnh Tuyên Quang" in html
    for code in ("070", "072", "076"):
        assert f'data-unit="{code}"' in html
        assert reverse("dashboards:unit", kwargs={"code": code}) in html
    assert "Gửi đúng hạn" in html and "Gửi muộn 2 ngày" in html and "Quá hạn, chưa gửi" in html
    assert 'role="img"' in html and "<title" in html and "Số liệu của biểu đồ" in html
    assert "Ngưỡng của đèn tín hiệu" in html
    assert 'style="' not in html


def test_officer_lands_on_his_district_and_sees_its_communes(client_for, data):
    response = client_for("sonduong").get(reverse("dashboards:overview"))
    html = response.content.decode()
    assert "Ủy ban MTTQ huyện Sơn Dương" in html
    assert 'data-unit="02545"' in html and 'data-unit="072"' not in html
    # One task (canbo) and one model (Tân Trào) were sent under Sơn Dương.
    assert response.context["d"].total.sent() == 2
    row = next(r for r in response.context["d"].rows if r.unit.code == "02545")
    assert row.figures.sent("model") == 1


def test_reviewer_and_observer_read_the_province(client_for, data):
    for username in ("tuyengiao", "quansat"):
        response = client_for(username).get(reverse("dashboards:overview"))
        assert response.status_code == 200
        assert response.context["d"].unit.code == "08"


@pytest.mark.parametrize("name", ["dashboards:unit", "dashboards:print", "dashboards:csv"])
def test_outsiders_get_404_and_cadres_403(client_for, data, name):
    url = reverse(name, kwargs={"code": "076"})
    assert client_for("nahang").get(url).status_code == 404
    assert client_for("tantrao").get(url).status_code == 404
    assert client_for("canbo").get(url).status_code == 403
    assert client_for("sonduong").get(reverse(name, kwargs={"code": "072"})).status_code == 404
    assert client_for("tinh").get(reverse(name, kwargs={"code": "khong-co"})).status_code == 404


def test_a_department_has_no_dashboard(client_for, data):
    assert client_for("tinh").get(reverse("dashboards:unit", kwargs={"code": "08-BTG"})).status_code == 404


def test_print_view_has_no_navigation_and_everything_open(client_for, data):
    for url in (reverse("dashboards:print", kwargs={"code": "08"}), reverse("dashboards:overview") + "?in=1"):
        html = client_for("tinh").get(url).content.decode()
        assert "dash-print" in html and "navbar" not in html
        assert '<details class="dash-data small" open>' in html
        assert "css/dashboards.css" in html


def test_csv_lists_the_child_units_and_the_total(client_for, data):
    response = client_for("tinh").get(reverse("dashboards:csv", kwargs={"code": "08"}))
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("Mã,Đơn vị")
    assert any(line.startswith("076,Huyện Sơn Dương,") for line in lines)
    assert lines[-1].startswith("08,Toàn Tỉnh Tuyên Quang")


def test_period_kind_can_be_chosen(client_for, data):
    from reports.testing import make_period

    make_period(data, kind="annual")
    page = client_for("tinh").get(reverse("dashboards:overview") + "?ky=annual")
    assert page.context["d"].kind == "annual"
    assert page.context["d"].reports.on_time == 0
    page = client_for("tinh").get(reverse("dashboards:overview") + "?ky=six_month")
    assert page.context["d"].reports.on_time == 1


def test_home_page_links_province_staff_and_officers_to_their_dashboard(client_for, data):
    html = client_for("sonduong").get(reverse("home")).content.decode()
    assert reverse("dashboards:unit", kwargs={"code": "076"}) in html
    html = client_for("canbo").get(reverse("home")).content.decode()
    assert reverse("dashboards:overview") not in html


# --- queries: the same for 3 or 30 units, and for a district or the province ------------------------------
def _new_district(world, code: str, communes: int) -> Unit:
    province = world.units["08"]
    district = Unit.objects.create(
        code=code,
        name=f"Huyện Thử {code}",
        level="district",
        kind="district",
        parent=province,
        path=f"{province.path}{code}/",
        depth=2,
    )
    for i in range(communes):
        c = f"{code}{i:03d}"
        Unit.objects.create(
            code=c, name=f"Xã Thử {c}", level="commune", kind="commune", parent=district, path=f"{district.path}{c}/", depth=3
        )
    return district


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_queries_do_not_grow_with_units_or_registrations(client_for, data):
    client = client_for("tinh")
    client.get(reverse("dashboards:overview"))  # warm the session
    small = _new_district(data, "901", 3)
    big = _new_district(data, "902", 30)
    for commune in Unit.objects.filter(parent=big)[:10]:
        Registration.objects.create(
            campaign=data.campaign, unit=commune, kind="content", status="submitted", title=f"Nội dung {commune.code}"
        )
    counts = {
        "3 xã": _queries(client, reverse("dashboards:unit", kwargs={"code": small.code})),
        "30 xã": _queries(client, reverse("dashboards:unit", kwargs={"code": big.code})),
        "tỉnh": _queries(client, reverse("dashboards:overview")),
        "huyện": _queries(client, reverse("dashboards:unit", kwargs={"code": "076"})),
        "in": _queries(client, reverse("dashboards:print", kwargs={"code": "08"})),
    }
    assert len(set(counts.values())) == 1, counts
    assert counts["tỉnh"] <= MAX_QUERIES, counts
