"""The registration list with page numbers out of range (issue 16, finding 7): `?trang=` of twenty
digits answered 500, and `?trang=1000000` made the count read the whole list. Both now show the
last page counted, with the same queries as page 1 and a count that stops at MAX_CAP rows."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registrations.tests.test_lists import bulk

LIST = reverse("registrations:list")
# The most rows a count may read (core/paging.py MAX_CAP = 50,000, plus the one that says "more").
COUNT_CEILING = 50_001


def _get(client, page):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST, {"trang": page})
    limits = [int(n) for q in queries.captured_queries for n in re.findall(r"LIMIT (\d+)", q["sql"])]
    return response, len(queries.captured_queries), limits


@pytest.mark.parametrize("page", ["99999999999999999999", "1000000", "-1", "0", "abc", "9" * 400])
def test_an_out_of_range_page_shows_the_last_page_with_the_queries_of_page_one(client_for, world, page):
    bulk(world, 30)
    client = client_for("tinh")
    client.get(LIST)  # the year switcher and the filter's units are read once per session/cache
    _, first_queries, _ = _get(client, "1")
    response, queries, limits = _get(client, page)
    assert response.status_code == 200
    shown = response.context["page"]
    # Django's get_page: not a number → page 1; out of range either way → the last page.
    assert shown.number == (1 if page == "abc" else shown.paginator.num_pages) == (1 if page == "abc" else 2)
    assert queries == first_queries
    assert max(limits) <= COUNT_CEILING, limits


def test_a_far_page_past_the_ceiling_shows_the_last_page_counted(client_for, world, monkeypatch):
    bulk(world, 30)
    monkeypatch.setattr("core.paging.MAX_CAP", 50, raising=False)
    monkeypatch.setattr("core.paging.MIN_CAP", 10)
    response, _, limits = _get(client_for("tinh"), "1000000")
    page = response.context["page"]
    assert response.status_code == 200 and page.number == page.paginator.num_pages == 2  # 30 rows, 25 a page
    assert max(limits) <= 51
