"""The dashboard pages: who sees what, what the page shows, the print view, the CSV, and a number
of queries that does not grow with the data."""

import datetime as dt
import re
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registrations.models import Registration
from units.models import Unit

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
MAX_QUERIES = 12


@pytest.fixture
def in_2020(time_machine):
    time_machine.move_to(dt.datetime(2020, 6, 15, 9, 0, tzinfo=VN), tick=True)
    return dt.date(2020, 6, 15)


@pytest.fixture
def data(world, in_2020):
    from plans.tests import factories as plan_factories
    from registrations.tests.factories import make_registration
    from reports.tests.factories import local, make_period, make_report

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
    from reports.tests.factories import make_period

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
    """A district and its communes, loaded as a unit list is (units.services.units_import)."""
    from units.services import units_import

    lines = ["code,name,level,parent_code", f"{code},Huyện Thử {code},district,08"]
    lines += [f"{code}{i:03d},Xã Thử {code}{i:03d},commune,{code}" for i in range(communes)]
    units_import(data="\n".join(lines).encode())
    return Unit.objects.get(code=code, valid_to__isnull=True)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_queries_do_not_grow_with_units_or_registrations(client_for, data):
    """Drawn afresh (empty cache) and read from the cache, every dashboard runs the same number
    of queries whatever its size; the cached read runs fewer."""
    from django.core.cache import cache

    client = client_for("tinh")
    client.get(reverse("dashboards:overview"))  # warm the session
    small = _new_district(data, "901", 3)
    big = _new_district(data, "902", 30)
    for commune in Unit.objects.filter(parent=big)[:10]:
        Registration.objects.create(
            campaign=data.campaign, unit=commune, kind="content", status="submitted", title=f"Nội dung {commune.code}"
        )
    urls = {
        "3 xã": reverse("dashboards:unit", kwargs={"code": small.code}),
        "30 xã": reverse("dashboards:unit", kwargs={"code": big.code}),
        "tỉnh": reverse("dashboards:overview"),
        "huyện": reverse("dashboards:unit", kwargs={"code": "076"}),
        "in": reverse("dashboards:print", kwargs={"code": "08"}),
    }
    drawn, cached = {}, {}
    for name, url in urls.items():
        cache.clear()
        drawn[name] = _queries(client, url)
        cached[name] = _queries(client, url)
    assert len(set(drawn.values())) == 1, drawn
    # From the cache the overview needs one query fewer than a unit's page: no code to look up
    # (the reader's own unit); it needs the child units only when it draws.
    assert len({n for name, n in cached.items() if name != "tỉnh"}) == 1, cached
    assert cached["tỉnh"] == cached["huyện"] - 1, cached
    assert drawn["tỉnh"] <= MAX_QUERIES, drawn
    assert all(cached[name] < drawn[name] for name in urls), (cached, drawn)


def _cell(html: str, code: str) -> str:
    start = html.index(f'data-unit="{code}"')
    return html[start : html.index("</tr>", start)]


def test_a_cached_dashboard_is_drawn_again_when_what_it_shows_changes(client_for, data):
    from dashboards.tests.helpers import admin_edit
    from registrations.tests.factories import make_registration
    from reports import services
    from reports.models import ReportingPeriod
    from reports.services import PERIOD_FIELDS

    client = client_for("tinh")
    url = reverse("dashboards:overview")
    strip = lambda html: re.sub(r'"X-CSRFToken": "[^"]+"|name="csrfmiddlewaretoken" value="[^"]+"', "", html)  # noqa: E731
    first = strip(client.get(url).content.decode())
    assert strip(client.get(url).content.decode()) == first  # the same page, from the cache
    sent_before = client.get(url).context["d"].total.sent()

    # A registration sent in a commune of Sơn Dương: the province's page counts it.
    make_registration(unit=data.units["02545"], kind="content", status="submitted", title="Nội dung mới")
    assert client.get(url).context["d"].total.sent() == sent_before + 1

    # A district renamed (in the admin): the province's page names it so.
    district = Unit.objects.get(code="070")
    district.name = "Thành phố Tuyên Quang (mới)"
    admin_edit(district, by=data.users["tinh"])
    assert "Thành phố Tuyên Quang (mới)" in _cell(client.get(url).content.decode(), "070")

    # The period's title, shown under the table.
    period = ReportingPeriod.objects.get(receiving_unit=data.units["08"])
    form = {f: getattr(period, f) for f in PERIOD_FIELDS}
    services.period_update(
        period=period,
        by=data.users["tinh"],
        expected_version=period.version,
        data={**form, "title": "Sơ kết 6 tháng (đã sửa tên)"},
    )
    assert "Sơ kết 6 tháng (đã sửa tên)" in client.get(url).content.decode()


def test_the_cache_answers_only_who_may_see_the_unit_in_their_language(client_for, data):
    url = reverse("dashboards:unit", kwargs={"code": "076"})
    assert client_for("sonduong").get(url).status_code == 200  # drawn and cached
    assert client_for("nahang").get(url).status_code == 404  # the scope check comes first
    assert client_for("canbo").get(url).status_code == 403
    english = client_for("tinh")
    english.cookies["django_language"] = "en"
    html = english.get(url).content.decode()
    assert "Dashboard" in html and "Bảng điều khiển:" not in html


def test_csv_keeps_a_name_that_looks_like_a_formula_inert(client_for, data):
    """CSV injection: a name typed as "=HYPERLINK(…)" must open as text in a spreadsheet."""
    Unit.objects.filter(code="076").update(name='=HYPERLINK("http://xau.example/x","Bấm vào đây")')
    Unit.objects.filter(code="072").update(name="@Na Hang")
    text = client_for("tinh").get(reverse("dashboards:csv", kwargs={"code": "08"})).content.decode("utf-8-sig")
    assert "'=HYPERLINK(" in text and ',"=HYPERLINK' not in text
    assert "072,'@Na Hang," in text
