"""The registration list at national scale: a count that stops early (and equals the direct count
below its cap) and a unit filter that offers whole upper levels when the scope is large."""

import datetime as dt

import pytest
from django.db.models import Q
from django.urls import reverse

from accounts.scope import Scope
from core.paging import CappedPaginator
from registrations import filter_units as fu
from registrations.models import Registration
from registrations.tests.test_lists import bulk
from units.models import Unit

LIST = reverse("registrations:list")
# The map the filter reads: the 2020 campaign's (its first day).
DAY = dt.date(2020, 1, 1)


def test_the_capped_count_equals_the_direct_count_below_the_cap(world):
    bulk(world, 37)
    qs = Registration.objects.order_by("-updated_at", "-id")
    paginator = CappedPaginator(qs, 5, requested_page=1, min_cap=100)
    assert paginator.count == qs.count() == 37
    assert not paginator.is_capped
    assert paginator.num_pages == 8
    assert [r.pk for r in paginator.page(8)] == [r.pk for r in qs[35:]]


def test_the_count_stops_at_the_cap_and_reaches_past_the_page_asked_for(world):
    bulk(world, 60)
    qs = Registration.objects.order_by("-updated_at", "-id")
    capped = CappedPaginator(qs, 2, requested_page=1, min_cap=10)
    assert capped.is_capped and capped.count == 22  # (1 + 10 pages ahead) × 2
    # Asking for page 20 counts far enough for it and ten pages after it.
    far = CappedPaginator(qs, 2, requested_page=20, min_cap=10)
    assert far.count == 60 and not far.is_capped
    assert [r.pk for r in far.get_page(20)] == [r.pk for r in qs[38:40]]
    # A page number that is not a number counts from page 1.
    assert CappedPaginator(qs, 2, requested_page="abc", min_cap=10).cap == 22


def test_the_list_says_more_than_when_the_count_is_capped(client_for, world, monkeypatch):
    bulk(world, 30)
    monkeypatch.setattr("core.paging.MIN_CAP", 10)
    monkeypatch.setattr("core.paging.PAGES_AHEAD", 0)
    response = client_for("tinh").get(LIST)
    page = response.context["page"]
    assert page.paginator.is_capped and page.paginator.count == 25
    assert "Hơn 25 đăng ký" in response.content.decode()


def test_a_small_scope_offers_every_unit_it_sees(world):
    scope = Scope.for_user(world.users["tinh"])
    offered = {u.code for u in fu.filter_units(scope, DAY)}
    assert offered == set(scope.visible_units().open().values_list("code", flat=True))
    assert {"08", "076", "02545", "08-BTG"} <= offered


def test_a_large_scope_offers_whole_upper_levels_only(world, monkeypatch):
    scope = Scope.for_user(world.users["tinh"])
    by_depth = {}
    for unit in scope.visible_units().open():
        by_depth.setdefault(unit.depth, set()).add(unit.code)
    root = min(by_depth)
    upper = by_depth[root] | by_depth[root + 1]  # the province, its districts and its departments
    monkeypatch.setattr(fu, "FILTER_UNITS_MAX", len(upper))
    assert {u.code for u in fu.filter_units(scope, DAY)} == upper
    monkeypatch.setattr(fu, "FILTER_UNITS_MAX", len(upper) - 1)
    assert {u.code for u in fu.filter_units(scope, DAY)} == by_depth[root]


def test_a_unit_below_the_offered_levels_still_filters_and_is_shown(client_for, world, monkeypatch):
    bulk(world, 2, unit="02545", title="Ở Tân Trào {i}")
    bulk(world, 3, unit="072", title="Ở Na Hang {i}")
    province = Unit.objects.get(code="08")
    monkeypatch.setattr(fu, "FILTER_UNITS_MAX", Unit.objects.filter(depth__lte=province.depth + 1).count())
    response = client_for("tinh").get(LIST, {"unit": "02545"})
    titles = sorted(r.title for r in response.context["page"])
    assert titles == ["Ở Tân Trào 0", "Ở Tân Trào 1"]
    html = response.content.decode()
    assert '<option value="02545" selected>Xã Tân Trào</option>' in html
    # Without the filter the commune is not offered.
    assert 'value="02545"' not in client_for("tinh").get(LIST).content.decode()


def test_the_unit_select_escapes_names(world):
    widget = fu.UnitSelect(options=[("x1", "<b>Xã & “A”</b>")])
    html = widget.render("unit", "x1", attrs={"id": "id_unit"})
    assert "<b>" not in html and "&lt;b&gt;Xã &amp; “A”&lt;/b&gt;" in html
    assert '<option value="x1" selected>' in html and 'name="unit"' in html


@pytest.mark.parametrize("username", ["tinh", "sonduong"])
def test_the_list_still_fits_the_query_budget(client_for, world, username, django_assert_max_num_queries):
    bulk(world, 30)
    client = client_for(username)
    client.get(LIST)  # the unit tree's roots and the filter's options are cached from the first view
    with django_assert_max_num_queries(13):
        assert client.get(LIST, {"trang": 2, "unit": "076"}).status_code == 200


def test_the_list_indexes_exist_with_their_covered_columns_on_postgresql(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("covering indexes are a PostgreSQL feature")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'registrations_registration'")
        defs = dict(cursor.fetchall())
    assert "INCLUDE (unit_id, person_id, kind, status)" in defs["reg_updated_cover"]
    assert "(kind, status, updated_at DESC, id DESC) INCLUDE (unit_id, person_id)" in defs["reg_kind_status_cover"]
    assert "(status, updated_at DESC, id DESC) INCLUDE (unit_id, person_id)" in defs["reg_status_upd_cover"]


def _codes(options):
    return [code for code, _, _ in options]


def test_cached_filter_options_equal_the_units_read_directly(world, django_assert_num_queries):
    scope = Scope.for_user(world.users["tinh"])
    direct = [(u.code, fu.unit_label(u)) for u in fu.filter_units(scope, DAY)]
    assert [(code, label) for code, label, _ in fu.filter_options(scope, DAY)] == direct
    with django_assert_num_queries(0):
        again = fu.filter_options(scope, DAY)
    assert [(code, label) for code, label, _ in again] == direct
    # A unit rebuilt from the cache is the unit in the database.
    offered = fu.OfferedUnits(again)
    rebuilt, stored = offered["02545"], Unit.objects.get(code="02545", valid_to__isnull=True)
    assert (rebuilt.pk, rebuilt.path, rebuilt.name, rebuilt.parent_id) == (stored.pk, stored.path, stored.name, stored.parent_id)


def test_a_renamed_or_imported_unit_changes_the_cached_options(world, django_capture_on_commit_callbacks):
    from units.services import units_import

    scope = Scope.for_user(world.users["tinh"])
    fu.filter_options(scope, DAY)
    commune = Unit.objects.get(code="02545", valid_to__isnull=True)
    with django_capture_on_commit_callbacks(execute=True):
        commune.name = "Xã Tân Trào (mới)"
        commune.save()
    labels = {code: label for code, label, _ in fu.filter_options(scope, DAY)}
    assert labels["02545"] == "Xã Tân Trào (mới)"
    with django_capture_on_commit_callbacks(execute=True):
        units_import(data="code,name,level,parent_code\n99999,Xã Thử Nghiệm,commune,076\n".encode())
    assert "99999" in _codes(fu.filter_options(scope, DAY))
    assert _codes(fu.filter_options(scope, DAY)) == [u.code for u in fu.filter_units(scope, DAY)]


def test_the_filter_form_keeps_the_chosen_values_and_escapes_labels(client_for, world):
    from registrations.models import Field

    field = Field.objects.create(campaign=world.campaign, name="<b>Lĩnh vực & “thử”</b>", position=999)
    html = client_for("tinh").get(LIST, {"kind": "task", "q": 'a"b', "field": field.pk, "nam": 2020}).content.decode()
    assert '<option value="task" selected>Việc làm (cá nhân)</option>' in html
    assert f'<option value="{field.pk}" selected>&lt;b&gt;Lĩnh vực &amp; “thử”&lt;/b&gt;</option>' in html
    assert 'name="nam"' not in html  # the current year: links need no year
    assert 'name="q" value="a&quot;b"' in html
    assert '<div id="div_id_status" class="mb-3"><label for="id_status" class="form-label">Trạng thái</label>' in html
    assert '<option value="" selected>Tất cả trạng thái</option>' in html


def _visible_by_path(scope):
    return set(
        Registration.objects.filter(
            Q(person_id=scope.user.pk) | (scope.units_q("unit") & ~Q(kind="task", status="draft"))
        ).values_list("pk", flat=True)
    )


@pytest.mark.parametrize("username", ["tinh", "sonduong", "tantrao", "canbo"])
def test_visibility_without_the_path_test_equals_the_path_test(world, make, username):
    from registrations.access import visible_q

    make(unit="076", kind="task", person="canbo", status="draft", title="Nháp của cán bộ")
    make(unit="076", kind="task", person="canbo", status="submitted", title="Việc đã gửi")
    make(unit="02545", kind="content", status="submitted", title="Nội dung xã")
    make(unit="072", kind="model", status="draft", title="Mô hình Na Hang")
    scope = Scope.for_user(world.users[username])
    assert set(Registration.objects.filter(visible_q(scope)).values_list("pk", flat=True)) == _visible_by_path(scope)


def test_only_a_scope_over_every_root_skips_the_path_test(world, django_capture_on_commit_callbacks):
    from units.cache import covers_whole_tree

    assert covers_whole_tree(["/08/"])
    assert not covers_whole_tree(["/08/076/"])
    # A second root (another province): the province alone no longer sees the whole tree.
    with django_capture_on_commit_callbacks(execute=True):
        Unit.objects.create(code="09", name="Tỉnh Khác", level="province", kind="province", path="/09/", depth=0)
    assert not covers_whole_tree(["/08/"])
    assert covers_whole_tree(["/08/", "/09/"])
