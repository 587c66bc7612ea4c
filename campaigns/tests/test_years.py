"""A campaign per year: provincial staff open the next year from the current one, every page works
inside the year chosen with the year switcher, and a closed year is an archive."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from campaigns.models import Campaign
from campaigns.services import campaign_open

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(autouse=True)
def _in_2020(time_machine):
    time_machine.move_to(dt.datetime(2020, 6, 15, 9, tzinfo=VN), tick=True)


@pytest.fixture
def periods_2020(world):
    from reports.tests.factories import make_period

    return [make_period(world), make_period(world, kind="annual", receiver="076", due_on=dt.date(2020, 12, 15))]


def test_provincial_staff_open_the_next_year_from_the_page(world, client_for, periods_2020):
    from registrations.models import Field
    from registrations.services.fields import fields_ensure_defaults
    from reports.models import ReportingPeriod

    fields_ensure_defaults(world.campaign)
    client = client_for("tinh")
    page = client.get("/ke-hoach/phong-trao/mo-nam-moi/").content.decode()
    assert 'name="year" value="2021"' in page  # the year after the latest one is proposed
    movements = [m.pk for m in world.movements[:2]]
    response = client.post(
        "/ke-hoach/phong-trao/mo-nam-moi/", {"year": "2021", "theme": "Năm Dân vận khéo 2021", "movements": movements}
    )
    new = Campaign.objects.get(year=2021)
    assert response.status_code == 302 and response["Location"].endswith(f"/ke-hoach/phong-trao/{new.pk}/?nam=2021")
    assert new.name == "Phong trào thi đua “Dân vận khéo” năm 2021" and new.theme == "Năm Dân vận khéo 2021"
    assert new.status == Campaign.Status.PLANNING and new.opened_from == world.campaign
    assert set(new.movements.values_list("pk", flat=True)) == set(movements)
    # Carried over: the fields of work (their own rows: renaming them in 2021 leaves 2020's alone)…
    assert list(Field.objects.filter(campaign=new).values_list("name", flat=True)) == list(
        Field.objects.filter(campaign=world.campaign).values_list("name", flat=True)
    )
    assert not Field.objects.filter(campaign=new).filter(pk__in=Field.objects.filter(campaign=world.campaign)).exists()
    # …and the periods, with the new year's deadlines, for the same receivers.
    assert sorted(ReportingPeriod.objects.filter(campaign=new).values_list("receiving_unit__code", "kind", "due_on")) == [
        ("076", "annual", dt.date(2021, 12, 15)),
        ("08", "six_month", dt.date(2021, 6, 10)),
    ]
    # The 2021 pages start empty.
    listing = client.get("/dang-ky/?nam=2021").content.decode()
    assert "Chưa có đăng ký" in listing or 'class="registration-row' not in listing


def test_opening_a_year_that_exists_is_refused_and_changes_nothing(world, client_for):
    response = client_for("tinh").post("/ke-hoach/phong-trao/mo-nam-moi/", {"year": "2020"})
    assert response.status_code == 200
    assert "Năm 2020 đã có “Phong trào thi đua “Dân vận khéo” năm 2020”." in response.content.decode()
    assert Campaign.objects.count() == 1


def test_only_provincial_staff_open_a_year(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        campaign_open(source=world.campaign, by=world.users["sonduong"], year=2021)
    assert not Campaign.objects.filter(year=2021).exists()


def test_a_period_outside_its_campaign_year_is_refused(world, client_for):
    from reports import services

    data = {
        "campaign": world.campaign, "kind": "six_month", "title": "Sơ kết", "covers_from": dt.date(2020, 1, 1),
        "covers_to": dt.date(2020, 5, 31), "due_on": dt.date(2021, 6, 10), "receiving_unit": world.units["08"],
        "audience": "children", "instructions": "",
    }  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.period_create(by=world.users["tinh"], data=data)
    assert "Ngày của kỳ báo cáo phải nằm trong năm của phong trào (1/1/2020 – 31/12/2020)." in refused.value.messages


def test_a_closed_year_is_read_only_but_still_readable(world, client_for):
    from registrations.models import Registration
    from registrations.tests.factories import make_registration

    draft = make_registration(unit=world.units["076"], kind="content", status="draft")
    Campaign.objects.filter(pk=world.campaign.pk).update(status=Campaign.Status.CLOSED)
    client = client_for("sonduong")
    response = client.post(f"/dang-ky/{draft.pk}/gui-duyet/", follow=True)
    assert "Phong trào năm 2020 đã tổng kết: dữ liệu chỉ để xem, không sửa được." in response.content.decode()
    assert Registration.objects.get(pk=draft.pk).status == "draft"
    # Readable: the page, the list and the year's banner.
    page = client.get(f"/dang-ky/{draft.pk}/").content.decode()
    assert draft.title in page and "phong trào đã tổng kết, dữ liệu chỉ để xem, in và xuất" in page
    assert draft.title in client.get("/dang-ky/").content.decode()


def test_the_year_switcher_keeps_each_year_apart(world, client_for):
    from registrations.tests.factories import make_registration

    make_registration(unit=world.units["076"], kind="content", status="submitted", title="Nội dung năm 2020")
    new, _ = campaign_open(source=world.campaign, by=world.users["tinh"], year=2021)
    make_registration(
        unit=world.units["076"], kind="content", status="submitted", title="Nội dung năm 2021", campaign=new,
        starts_on=dt.date(2021, 3, 1), ends_on=dt.date(2021, 11, 30),
    )  # fmt: skip
    client = client_for("tinh")
    current = client.get("/dang-ky/").content.decode()  # 2020 is the running year (2021 is being prepared)
    assert "Nội dung năm 2020" in current and "Nội dung năm 2021" not in current
    chosen = client.get("/dang-ky/?nam=2021").content.decode()
    assert "Nội dung năm 2021" in chosen and "Nội dung năm 2020" not in chosen
    assert "Bạn đang làm việc trong năm 2021 (Đang chuẩn bị)." in chosen
    # The choice is kept for the next pages, and the menu's links carry it.
    kept = client.get("/dang-ky/").content.decode()
    assert "Nội dung năm 2021" in kept and "?nam=2021" in kept
    back = client.get("/dang-ky/?nam=2020").content.decode()
    assert "Nội dung năm 2020" in back and "Bạn đang làm việc trong năm" not in back
