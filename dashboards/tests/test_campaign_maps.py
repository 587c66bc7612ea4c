"""Each campaign on the map of its time: once the 2025 two-level map is loaded over the 2020 tree,
the 2020 dashboards (pages, figures, rows, CSV, summary rows) stay exactly as they were, with
their 7 districts and the 2020 communes under them, while a 2026 campaign shows the province
with its 124 communes and wards and no district; each campaign counts on its own map."""

import datetime as dt
import re
import zoneinfo
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import units
from campaigns.models import Campaign
from dashboards import figures
from registrations.models import Registration
from units.models import Unit
from units.services import units_import

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
REFORM = dt.date(2025, 7, 1)
MAP_2025 = Path(units.__file__).resolve().parent / "data" / "tuyen_quang_2025.csv"
DISTRICTS = ("070", "071", "072", "073", "074", "075", "076")
Kind, Status = Registration.Kind, Registration.Status


@pytest.fixture
def in_2020(time_machine):
    time_machine.move_to(dt.datetime(2020, 6, 15, 9, 0, tzinfo=VN), tick=False)
    return dt.date(2020, 6, 15)


@pytest.fixture
def data(world, in_2020):
    """A bit of everything the dashboards count, in the 2020 campaign, under the 2020 tree."""
    from plans.tests import factories as plan_factories
    from registrations.tests.factories import make_registration
    from reports.tests.factories import local, make_period, make_report

    plan_factories.province_plan(world)
    plan_factories.sonduong_issued(world)
    make_registration(unit=world.units["076"], kind=Kind.TASK, person=world.users["canbo"], status=Status.APPROVED)
    make_registration(unit=world.units["02545"], kind=Kind.MODEL, status=Status.EVALUATED, title="Mô hình Tân Trào")
    make_registration(unit=world.units["072"], kind=Kind.CONTENT, status=Status.SUBMITTED, title="Nội dung Na Hang")
    make_period(world)
    make_report(world, "076", status="submitted", submitted_at=local(2020, 6, 9, 10, 0))
    make_report(world, "072", status="accepted", submitted_at=local(2020, 6, 12, 10, 0))
    return world


def import_2025_map():
    return units_import(data=MAP_2025.read_bytes(), valid_from=REFORM, close_missing=True)


def url(code, year, name="dashboards:unit", **extra) -> str:
    query = "&".join(f"{k}={v}" for k, v in {"nam": year, **extra}.items())
    return reverse(name, kwargs={"code": code}) + "?" + query


def _csrf_free(html: str) -> str:
    return re.sub(r'"X-CSRFToken": "[^"]+"|name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def seen(client, code, year) -> dict:
    """Everything the dashboard of a unit shows for a year, drawn afresh: the figures of the unit
    and of each child row, the reports, the rows as written in the page, the CSV and the print view."""
    cache.clear()
    response = client.get(url(code, year))
    assert response.status_code == 200
    d = response.context["d"]
    cache.clear()
    csv = client.get(url(code, year, "dashboards:csv")).content.decode("utf-8-sig")
    cache.clear()
    printed = _csrf_free(client.get(url(code, year, "dashboards:print")).content.decode())
    return {
        "unit": (d.unit.pk, d.unit.code, d.unit.name, d.campaign.year),
        "total": d.total.values,
        "own": d.own.values,
        "rows": [(r.unit.pk, r.unit.code, r.unit.name, r.figures.values, r.report.label, r.overall.state) for r in d.rows],
        "reports": (d.reports.required, d.reports.on_time, d.reports.late, d.reports.missing),
        "fields": d.fields,
        "rows_html": str(response.context["rows_html"]),
        "csv": csv,
        "print": printed,
    }


def summary_rows(campaign) -> tuple[dict, dict]:
    return figures.stored(campaign.pk), figures.stored(campaign.pk, field="own")


def test_the_2020_dashboards_stay_as_they_were_after_the_2025_map_is_loaded(client_for, data):
    tinh, sonduong = client_for("tinh"), client_for("sonduong")
    province_before, district_before = seen(tinh, "08", 2020), seen(tinh, "076", 2020)
    officer_before = seen(sonduong, "076", 2020)
    stored_before = summary_rows(data.campaign)
    assert [r[1] for r in province_before["rows"]] == list(DISTRICTS)
    assert len(district_before["rows"]) == Unit.objects.filter(parent=data.units["076"]).count() > 10

    result = import_2025_map()  # its changed(units=None) recounts every campaign
    assert result.closed or result.versioned
    assert not Unit.objects.get(pk=data.units["076"].pk).is_open
    assert not Unit.objects.get(pk=data.units["02545"].pk).is_open

    assert seen(tinh, "08", 2020) == province_before
    assert seen(tinh, "076", 2020) == district_before  # Huyện Sơn Dương of 2020 (a closed row now)
    assert seen(sonduong, "076", 2020) == officer_before
    assert summary_rows(data.campaign) == stored_before
    call_command("refresh_dashboards")  # the nightly recount, on each campaign's map
    assert summary_rows(data.campaign) == stored_before
    assert seen(tinh, "08", 2020) == province_before


def test_a_2026_campaign_shows_the_province_with_its_communes_and_counts_on_its_own_map(client_for, data, time_machine):
    from accounts.scope import Scope
    from accounts.services import account_create
    from campaigns.services import campaign_open
    from core.roles import Role
    from registrations.tests.factories import make_registration

    import_2025_map()
    tinh = data.users["tinh"]
    campaign_2026, _ = campaign_open(source=data.campaign, by=tinh, year=2026)
    client = client_for("tinh")
    province_2020 = seen(client, "08", 2020)
    stored_2020 = summary_rows(data.campaign)

    page = client.get(url("08", 2026))
    d = page.context["d"]
    assert d.campaign == campaign_2026 and d.unit.pk == data.units["08"].pk  # the province row of both maps
    assert len(d.rows) == 124
    assert {r.unit.level for r in d.rows} == {Unit.Level.COMMUNE}
    assert all(r.unit.is_open and r.unit.parent_id == d.unit.pk for r in d.rows)
    html = page.content.decode()
    assert not any(f'data-unit="{code}"' in html for code in DISTRICTS)
    assert 'data-unit="02545"' in html  # Xã Tân Trào of 2025, straight under the province
    assert client.get(url("076", 2026)).status_code == 404  # no district on the 2026 map

    # A registration of a 2025 commune in 2026 counts for the 2026 province, not for 2020's.
    time_machine.move_to(dt.datetime(2026, 3, 10, 9, 0, tzinfo=VN), tick=False)
    client = Client()  # the 2020 session has expired by 2026
    client.force_login(tinh)
    Campaign.objects.filter(pk=campaign_2026.pk).update(status=Campaign.Status.ACTIVE)
    tan_trao = Unit.objects.get(code="02545", valid_to__isnull=True)
    officer = account_create(
        scope=Scope.for_user(tinh), by=tinh, full_name="Hoàng Văn Đức", username="canbo_tantrao_2025", email="",
        unit=tan_trao, role=Role.OFFICER,
    ).user  # fmt: skip
    before = client.get(url("08", 2026)).context["d"].total.sent()
    make_registration(
        unit=tan_trao, kind=Kind.CONTENT, status=Status.SUBMITTED, title="Nội dung năm 2026", campaign=campaign_2026,
        starts_on=dt.date(2026, 3, 1), ends_on=dt.date(2026, 11, 30), by=officer,
    )  # fmt: skip
    d = client.get(url("08", 2026)).context["d"]
    assert d.total.sent() == before + 1
    assert next(r for r in d.rows if r.unit.code == "02545").figures.sent() == 1
    assert summary_rows(data.campaign) == stored_2020
    # Counted change by change, the 2026 rows equal a recount on the 2026 map.
    kept = summary_rows(campaign_2026)
    figures.refresh_campaign(campaign_2026.pk)
    assert summary_rows(campaign_2026) == kept
    # The 2020 dashboard of the province is the same page as before (drawn on the same day).
    time_machine.move_to(dt.datetime(2020, 6, 15, 9, 0, tzinfo=VN), tick=False)
    assert seen(client_for("tinh"), "08", 2020) == province_2020


def test_a_late_change_of_the_2020_campaign_still_counts_for_the_2020_district(data):
    """A 2020 commune's row is closed by the 2025 map; what changes for it in the 2020 campaign is
    still carried up to its 2020 district and the province, not only to the province."""
    import_2025_map()
    commune, district, province = data.units["02545"], data.units["076"], data.units["08"]
    key = "reg:content:submitted"
    before = figures.stored(data.campaign.pk)
    Registration.objects.create(campaign=data.campaign, unit=commune, kind=Kind.CONTENT, status=Status.SUBMITTED, title="Muộn")
    figures.update_units(data.campaign.pk, {commune.pk}, ["reg"])
    after = figures.stored(data.campaign.pk)
    for unit in (commune, district, province):
        assert after.get((unit.pk, key), 0) == before.get((unit.pk, key), 0) + 1, unit.name
    kept = summary_rows(data.campaign)
    figures.refresh_campaign(data.campaign.pk)
    assert summary_rows(data.campaign) == kept


def test_each_map_shows_its_rows_to_whom_the_scope_lets_see_them(client_for, data, time_machine):
    from campaigns.services import campaign_open

    import_2025_map()
    campaign_open(source=data.campaign, by=data.users["tinh"], year=2026)
    sonduong, tantrao, nahang = client_for("sonduong"), client_for("tantrao"), client_for("nahang")
    # 2020: the district officer sees his district and its 2020 communes; the others do not.
    assert sonduong.get(url("076", 2020)).status_code == 200
    assert sonduong.get(url("02545", 2020)).context["d"].unit.path == "/08/076/02545/"
    assert nahang.get(url("076", 2020)).status_code == 404
    assert tantrao.get(url("02545", 2020)).status_code == 200
    # 2026: Xã Tân Trào is "/08/02545/", outside "/08/076/" and outside the 2020 commune's subtree.
    assert sonduong.get(url("02545", 2026)).status_code == 404
    assert tantrao.get(url("02545", 2026)).status_code == 404
    assert client_for("tinh").get(url("02545", 2026)).context["d"].unit.path == "/08/02545/"
    # The own dashboard of someone whose unit is not on the year's map: that unit, with no rows.
    page = sonduong.get(reverse("dashboards:overview") + "?nam=2026")
    assert page.status_code == 200
    assert page.context["d"].unit.pk == data.units["076"].pk and page.context["d"].rows == []
    # The home page's link: the district's page in 2020, the overview in 2026 (no 076 on that map).
    home_2026 = sonduong.get(reverse("home") + "?nam=2026").content.decode()
    assert reverse("dashboards:unit", kwargs={"code": "076"}) + '"' not in home_2026
    home_2020 = sonduong.get(reverse("home") + "?nam=2020").content.decode()
    assert reverse("dashboards:unit", kwargs={"code": "076"}) + '"' in home_2020
    # The 2020 parent link of a 2020 commune is its district.
    assert client_for("tinh").get(url("02545", 2020)).context["parent"].code == "076"


def _queries(client, address) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(address).status_code == 200
    return len(ctx.captured_queries)


def test_the_dashboard_runs_as_many_queries_on_either_map(client_for, data):
    from campaigns.services import campaign_open

    client = client_for("tinh")
    client.get(url("08", 2020))  # the session, the marks counted after the commit
    before = {"tỉnh": _queries(client, url("08", 2020)), "huyện": _queries(client, url("076", 2020))}
    import_2025_map()
    campaign_open(source=data.campaign, by=data.users["tinh"], year=2026)
    client.get(url("08", 2020))
    after = {"tỉnh": _queries(client, url("08", 2020)), "huyện": _queries(client, url("076", 2020))}
    client.get(url("08", 2026))
    in_2026 = {"tỉnh": _queries(client, url("08", 2026)), "xã": _queries(client, url("02545", 2026))}
    assert before == after, (before, after)
    assert set(in_2026.values()) == {before["tỉnh"]}, (before, in_2026)
    overview = reverse("dashboards:overview")
    client.get(overview + "?nam=2020")
    in_2020 = _queries(client, overview + "?nam=2020")
    client.get(overview + "?nam=2026")
    assert _queries(client, overview + "?nam=2026") == in_2020
