"""The capped paginator (issue 16, finding 7): a page number out of range or absurd shows the last
page counted, never an error, and never makes the count read more than MAX_CAP rows."""

import pytest

from core import paging
from core.paging import CappedPaginator
from units.models import Unit


@pytest.fixture
def units(world):
    qs = Unit.objects.order_by("id")
    assert qs.count() > 100
    return qs


@pytest.mark.parametrize("asked", ["99999999999999999999", "1000000", "9" * 400])
def test_an_absurd_page_number_keeps_the_count_under_its_ceiling(units, monkeypatch, asked):
    monkeypatch.setattr(paging, "MAX_CAP", 40)
    paginator = CappedPaginator(units, 4, requested_page=asked, min_cap=10)
    assert paginator.cap <= 40
    page = paginator.get_page(asked)
    assert paginator.is_capped and paginator.count == 40
    assert page.number == paginator.num_pages == 10  # the last page counted
    assert [u.pk for u in page] == [u.pk for u in units[36:40]]


def test_a_number_too_long_to_read_is_page_one(units):
    asked = "9" * 5000  # Python refuses to read more than 4,300 digits: not a page number
    paginator = CappedPaginator(units, 4, requested_page=asked, min_cap=10)
    assert paginator.cap == (1 + paging.PAGES_AHEAD) * 4
    assert paginator.get_page(asked).number == 1


@pytest.mark.parametrize(("asked", "number"), [("-3", 1), ("0", 1), ("abc", 1), ("2.5", 1), ("", 1), (None, 1)])
def test_a_page_number_that_is_not_one_shows_a_page(units, asked, number):
    paginator = CappedPaginator(units, 50, requested_page=asked)
    page = paginator.get_page(asked)
    # Django's get_page: not a number → page 1; below 1 → the last page.
    assert page.number in (number, paginator.num_pages)


def test_far_pages_within_the_ceiling_still_count_far_enough(units, monkeypatch):
    monkeypatch.setattr(paging, "MAX_CAP", 10_000)
    paginator = CappedPaginator(units, 2, requested_page=30, min_cap=10)
    assert paginator.cap == (30 + paging.PAGES_AHEAD) * 2
    assert [u.pk for u in paginator.get_page(30)] == [u.pk for u in units[58:60]]
