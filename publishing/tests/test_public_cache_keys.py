"""The public pages' cache key (issue 16, finding 10): it holds the path and the parameters a page
reads, as the page resolved them, never the raw query string; `?x=1`, `?x=2`… or page numbers past
the end do not each store a copy of the same page."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from publishing.models import Article
from publishing.tests.factories import make_article, make_exemplar
from publishing.views.public import LIST_PAGE_SIZE, PAGE_SIZE

N = 30


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def anon():
    return Client()


def stored_pages() -> int:
    """Public pages in the local-memory cache of the tests."""
    return sum(":public:page:" in key for key in cache._cache)


def test_unknown_parameters_do_not_make_new_entries(world, anon):
    for i in range(N):
        assert anon.get(reverse("public:home"), {"x": i}).status_code == 200
    assert stored_pages() == 1


def test_an_unknown_parameter_is_served_from_the_cache(world, anon, django_assert_max_num_queries):
    make_article(world, status=Article.Status.PUBLISHED, title="Bài đã đăng")
    anon.get(reverse("public:home"))
    with django_assert_max_num_queries(0):
        response = anon.get(reverse("public:home"), {"utm_source": "zalo"})
    assert "Bài đã đăng" in response.content.decode()


def test_page_numbers_past_the_end_or_not_numbers_are_stored_as_the_page_they_show(world, anon):
    for n in range(PAGE_SIZE + 1):
        make_article(world, status=Article.Status.PUBLISHED, title=f"Bài số {n}")
    for page in [*range(2, N), "abc", "0", "-4", "99999999999999999999", "02", "٣"]:
        assert anon.get(reverse("public:home"), {"trang": page}).status_code == 200
    assert stored_pages() == 2  # page 1 and page 2, the last one
    # and what was stored for page 2 is page 2
    assert "Bài số 0" in anon.get(reverse("public:home"), {"trang": 2}).content.decode()


def test_unknown_unit_codes_do_not_make_new_entries(world, anon):
    make_exemplar(world, status="recognised", name="Chi hội Phụ nữ thôn Cầu Trâm")
    for i in range(N):
        assert anon.get(reverse("public:exemplars"), {"don-vi": f"khong-co-{i}"}).status_code == 200
        assert anon.get(reverse("public:models"), {"don-vi": f"khong-co-{i}", "trang": i}).status_code == 200
    assert stored_pages() == 2
    # A real district is a page of its own.
    html = anon.get(reverse("public:exemplars"), {"don-vi": "076"}).content.decode()
    assert "Chi hội Phụ nữ thôn Cầu Trâm" in html
    assert stored_pages() == 3
    assert LIST_PAGE_SIZE > 1


def test_searches_are_not_stored(world, anon):
    make_article(world, status=Article.Status.PUBLISHED, title="Dân vận khéo ở Tân Trào")
    for i in range(N):
        assert anon.get(reverse("public:search"), {"q": f"tan trao {i}"}).status_code == 200
    assert stored_pages() == 0
    html = anon.get(reverse("public:search"), {"q": "tan trao", "x": "<b>"}).content.decode()
    assert "Dân vận khéo ở Tân Trào" in html


def test_an_article_page_ignores_the_query_string(world, anon):
    article = make_article(world, status=Article.Status.PUBLISHED, title="Bài đã đăng")
    for i in range(N):
        assert anon.get(reverse("public:article", args=[article.slug]), {"fbclid": i}).status_code == 200
    assert stored_pages() == 1
