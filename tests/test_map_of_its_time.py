"""A campaign reads the unit tree of its own year: loading the 2025 two-level map changes nothing
that the 2020 campaign shows (7 districts, 138 communes, Sơn Dương's issued plan, the reports),
and a campaign of 2026 works on the new tree (province → 124 communes and wards).

The 2020 pages are read as provincial staff before and after the import and compared as they are
shown, after taking out what differs between two responses anyway (the CSRF token, the random token of a form)."""

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

VN = ZoneInfo("Asia/Ho_Chi_Minh")
MAP_2025 = Path(__file__).resolve().parent.parent / "units" / "data" / "tuyen_quang_2025.csv"


@pytest.fixture
def demo(db, time_machine):
    time_machine.move_to(dt.datetime(2021, 1, 15, 9, tzinfo=VN), tick=False)
    call_command("seed_demo", verbosity=0)
    from accounts.models import User

    return {u.username: u for u in User.objects.all()}


def _main(response) -> str:
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    main = html[html.index('<main id="main"') : html.index("</main>")]
    main = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", main)
    return re.sub(r'(name="(?:token|client_token)" value=)"[0-9a-f-]+"', r"\1", main)  # a random value per rendered form


def _pages_2020(client):
    from plans.models import Plan
    from reports.models import ReportingPeriod

    province_plan = Plan.objects.current().get(campaign__year=2020, unit__code="08")
    sonduong_plan = Plan.objects.current().get(campaign__year=2020, unit__code="076")
    period = ReportingPeriod.objects.get(campaign__year=2020, kind="six_month", receiving_unit__code="08")
    urls = [
        f"/ke-hoach/{province_plan.pk}/cap-duoi/",
        f"/ke-hoach/{sonduong_plan.pk}/",
        f"/ke-hoach/{sonduong_plan.pk}/cap-duoi/",
        "/ke-hoach/theo-doi/?trang_thai=tat-ca",
        f"/bao-cao/ky/{period.pk}/",
        "/dang-ky/thong-ke/",
        "/dang-ky/thong-ke/?don_vi=076",
        "/dang-ky/",
        "/don-vi/076/",
        "/don-vi/08/",
    ]
    client.get("/?nam=2020")  # the year switcher: 2020 for the pages that follow
    return {url: _main(client.get(url)) for url in urls}


def test_loading_the_2025_map_changes_nothing_the_2020_campaign_shows(demo, client):
    from reports.models import ReportingPeriod
    from units.models import Unit
    from units.services import units_import

    client.force_login(demo["tinh"])
    before = _pages_2020(client)
    assert "Huyện Sơn Dương" in before["/ke-hoach/theo-doi/?trang_thai=tat-ca"]

    result = units_import(data=MAP_2025.read_bytes(), valid_from=dt.date(2025, 7, 1), close_missing=True)
    assert result.closed > 0 and Unit.objects.open().filter(level="district").count() == 0

    after = _pages_2020(client)
    for url, html in before.items():
        assert after[url] == html, f"{url} changed after the 2025 map was loaded"
    # The 2020 six-month period still has its 7 district reports to count.
    period = ReportingPeriod.objects.get(campaign__year=2020, kind="six_month", receiving_unit__code="08")
    assert "7" in after[f"/bao-cao/ky/{period.pk}/"]


def test_a_campaign_of_2026_works_on_the_two_level_map(demo, client):
    from campaigns.services import campaign_open
    from reports.models import ReportingPeriod
    from units.services import units_import

    units_import(data=MAP_2025.read_bytes(), valid_from=dt.date(2025, 7, 1), close_missing=True)
    from campaigns.models import Campaign

    source = Campaign.objects.get(year=2020)
    campaign, done = campaign_open(source=source, by=demo["tinh"], year=2026)
    assert campaign.units().committees().filter(parent__code="08").count() == 124
    assert not campaign.units().filter(level="district").exists()
    # The province's periods are carried over with the new deadlines; the districts' are not.
    periods = ReportingPeriod.objects.filter(campaign=campaign)
    assert {(p.receiving_unit.code, p.due_on) for p in periods} == {("08", dt.date(2026, 6, 10)), ("08", dt.date(2026, 12, 20))}
    client.force_login(demo["tinh"])
    six_month = periods.get(kind="six_month")
    html = _main(client.get(f"/bao-cao/ky/{six_month.pk}/?nam=2026"))
    assert "Phường Hà Giang 1" in html and "Huyện Sơn Dương" not in html
