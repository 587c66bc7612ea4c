"""Lists at every level: scope, filters, search without diacritics, sorting, pagination, and a
fixed number of SQL queries whatever the number of rows."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import Campaign
from registrations.models import Field, Registration

LIST = reverse("registrations:list")


def bulk(world, n, *, unit="076", kind="content", status="submitted", title="Đăng ký số {i}", person=None, field=None):
    campaign = Campaign.objects.get(year=2020)
    field = field or Field.objects.order_by("position").first()
    rows = [
        Registration(
            campaign=campaign,
            kind=kind,
            unit=world.units[unit],
            person=person,
            title=title.format(i=i),
            field=field,
            status=status,
            starts_on=dt.date(2020, 3, 1),
            ends_on=dt.date(2020, 11, 30),
            responsible="Người phụ trách",
            expected_result="Kết quả",
        )  # fmt: skip
        for i in range(n)
    ]
    created = Registration.objects.bulk_create(rows)
    through = Registration.movements.through
    through.objects.bulk_create([through(registration_id=r.pk, movement_id=world.movements[0].pk) for r in created])
    return created


def _titles(response):
    return [r.title for r in response.context["page"].object_list]


def test_search_ignores_diacritics_and_case(client_for, make):
    make(kind="model", status="submitted", title="Giám sát xây dựng nông thôn mới ở 10 xã")
    make(unit="02545", kind="content", status="submitted", title="Vận động ở xã Hợp Hòa")
    make(unit="02545", kind="content", status="submitted", title="Vận động ở thôn Thái Hoà")
    make(kind="content", status="submitted", title="Đường giao thông")
    client = client_for("tinh")
    assert _titles(client.get(LIST, {"q": "nong thon moi"})) == ["Giám sát xây dựng nông thôn mới ở 10 xã"]
    assert _titles(client.get(LIST, {"q": "NÔNG THÔN"})) == ["Giám sát xây dựng nông thôn mới ở 10 xã"]
    assert sorted(_titles(client.get(LIST, {"q": "hoa"}))) == ["Vận động ở thôn Thái Hoà", "Vận động ở xã Hợp Hòa"]
    assert _titles(client.get(LIST, {"q": "duong giao"})) == ["Đường giao thông"]
    # Words in any order; the unit's name is searched too.
    assert "Đường giao thông" in _titles(client.get(LIST, {"q": "son duong giao thong"}))


def test_each_person_lists_what_their_scope_allows(client_for, make, cadre):
    mine = make(status="submitted", title="Việc của chị Mai")
    draft = make(status="draft", title="Nháp của chị Mai")
    other = make(person="canbo", status="submitted", title="Việc của đồng nghiệp", by=None)
    colleague = cadre("076", "dongnghiep")
    Registration.objects.filter(pk=other.pk).update(person=colleague)
    commune = make(unit="02545", kind="content", status="submitted", title="Nội dung xã Tân Trào")
    na_hang = make(unit="072", kind="content", status="submitted", title="Nội dung Na Hang")
    seen = {
        name: set(_titles(client_for(name).get(LIST))) for name in ("canbo", "sonduong", "tantrao", "nahang", "tinh", "quansat")
    }
    assert seen["canbo"] == {mine.title, draft.title}
    assert seen["sonduong"] == {mine.title, "Việc của đồng nghiệp", commune.title}
    assert seen["tantrao"] == {commune.title}
    assert seen["nahang"] == {na_hang.title}
    assert seen["tinh"] == seen["quansat"] == {mine.title, "Việc của đồng nghiệp", commune.title, na_hang.title}


def test_filters_combine(client_for, make, world):
    economy, culture = Field.objects.get(name="Kinh tế"), Field.objects.get(name="Văn hóa - xã hội")
    make(kind="model", status="evaluated", rating="excellent", title="Mô hình xuất sắc", field=economy)
    make(unit="02545", kind="content", status="submitted", title="Nội dung xã", field=culture, movements=world.movements[4:5])
    make(unit="072", kind="content", status="approved", title="Nội dung Na Hang", field=culture)
    client = client_for("tinh")
    assert _titles(client.get(LIST, {"unit": "076"})) == ["Nội dung xã", "Mô hình xuất sắc"]
    assert _titles(client.get(LIST, {"unit": "02545"})) == ["Nội dung xã"]
    assert _titles(client.get(LIST, {"kind": "model"})) == ["Mô hình xuất sắc"]
    assert _titles(client.get(LIST, {"field": culture.pk, "status": "approved"})) == ["Nội dung Na Hang"]
    assert _titles(client.get(LIST, {"movement": world.movements[4].pk})) == ["Nội dung xã"]
    assert _titles(client.get(LIST, {"rating": "excellent"})) == ["Mô hình xuất sắc"]
    assert len(_titles(client.get(LIST, {"nam": "2020"}))) == 3
    Campaign.objects.create(
        year=2019, name="Phong trào 2019", status="closed", starts_on=dt.date(2019, 1, 1), ends_on=dt.date(2019, 12, 31)
    )
    # The list is one campaign year's: the year switcher's choice, kept for the next pages.
    assert _titles(client.get(LIST, {"nam": "2019"})) == []
    assert _titles(client.get(LIST, {"kind": "model"})) == []
    assert _titles(client.get(LIST, {"nam": "2020", "kind": "model"})) == ["Mô hình xuất sắc"]
    assert _titles(client.get(LIST, {"sort": "ten"})) == ["Mô hình xuất sắc", "Nội dung Na Hang", "Nội dung xã"]
    # A unit outside the scope is not a choice: the filter is ignored, never widened.
    assert set(_titles(client_for("nahang").get(LIST, {"unit": "076"}))) == {"Nội dung Na Hang"}


def test_pages_of_25(client_for, world):
    bulk(world, 30)
    client = client_for("tinh")
    assert len(_titles(client.get(LIST))) == 25
    second = client.get(LIST, {"trang": 2})
    assert len(_titles(second)) == 5 and "Trang 2 / 2" in second.content.decode()


def _count_queries(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("username", ["tinh", "sonduong", "canbo"])
def test_the_list_runs_the_same_queries_for_3_or_60_rows(client_for, world, username, django_assert_max_num_queries):
    person = world.users["canbo"] if username == "canbo" else None
    kind = "task" if person else "content"
    client = client_for(username)
    bulk(world, 3, kind=kind, person=person)
    client.get(LIST)  # the unit filter's options are cached after the first view (filter_units.py)
    few = _count_queries(client, LIST)
    filtered_few = _count_queries(client, LIST, {"q": "dang ky", "kind": kind, "sort": "don-vi"})
    bulk(world, 57, kind=kind, person=person, unit="076")
    many = _count_queries(client, LIST)
    assert few == many
    assert filtered_few == _count_queries(client, LIST, {"q": "dang ky", "kind": kind, "sort": "don-vi"})
    # session, user, memberships, unread count, 4 filter choices (years, units, fields, movements),
    # count, page, session save (3 with its savepoint)
    with django_assert_max_num_queries(13):
        assert client.get(LIST, {"trang": 2}).status_code == 200


def test_statistics_run_the_same_queries_for_few_or_many_rows(client_for, world):
    client = client_for("tinh")
    url = reverse("registrations:statistics")
    bulk(world, 2)
    client.get(url)  # the first page after signing in also stamps the session
    few = _count_queries(client, url)
    few_district = _count_queries(client, url, {"don_vi": "076"})
    bulk(world, 40, unit="02545", kind="model")
    bulk(world, 40, unit="072", status="evaluated")
    assert _count_queries(client, url) == few
    assert _count_queries(client, url, {"don_vi": "076"}) == few_district


def test_the_detail_page_runs_the_same_queries_whatever_the_progress(client_for, make):
    import datetime as dt

    from registrations import services

    r = make(status="in_progress")
    client = client_for("sonduong")
    url = reverse("registrations:detail", args=[r.pk])
    _count_queries(client, url)  # warm the content-type cache
    few = _count_queries(client, url)
    for day in range(1, 6):
        services.progress_add(registration=r, by=r.person, reported_on=dt.date(2020, 5, day), text="Tiếp tục", percent=60 + day)
    assert _count_queries(client, url) == few
