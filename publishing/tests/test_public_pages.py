"""The public pages (/tin-tuc/): only published articles whose time has come appear, whatever was
cached before; the pages are the same for everyone (cacheable headers, no cookie), run a fixed
number of queries, and are found by a search without diacritics and in the feed."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from publishing.models import Article
from publishing.services import articles as services
from publishing.tests.factories import make_article, make_exemplar

Status = Article.Status


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def anon():
    return Client()


def test_anonymous_visitor_at_root_is_sent_to_the_public_home_which_offers_login(world, anon):
    response = anon.get("/")
    assert response.status_code == 302 and response["Location"] == reverse("public:home")
    html = anon.get(reverse("public:home")).content.decode()
    assert "Đăng nhập" in html and reverse("accounts:login") in html


def test_signed_in_user_keeps_the_work_home_and_sees_the_public_site_in_the_menu(client_for):
    html = client_for("sonduong").get("/").content.decode()
    assert "Trang tin công khai" in html and reverse("public:home") in html


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW, Status.RETURNED, Status.UNPUBLISHED])
def test_an_article_not_published_is_nowhere_on_the_public_site(world, anon, status, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(world, status=status, title="Bài chưa đăng về Dân vận khéo")
    assert anon.get(reverse("public:article", args=[article.slug])).status_code == 404
    for url in (reverse("public:home"), reverse("public:search") + "?q=chua+dang", reverse("public:feed")):
        assert "Bài chưa đăng" not in anon.get(url).content.decode(), url


def test_a_published_article_is_on_the_home_page_in_search_without_diacritics_and_in_the_feed(world, anon):
    article = make_article(world, status=Status.PUBLISHED, title="Dân vận khéo ở thôn Tân Lập")
    assert article.title in anon.get(reverse("public:home")).content.decode()
    found = anon.get(reverse("public:search"), {"q": "dan van kheo o thon tan lap"}).content.decode()
    assert reverse("public:article", args=[article.slug]) in found
    assert "1 kết quả" in found
    words_in_any_order = anon.get(reverse("public:search"), {"q": "TAN LAP dan van"}).content.decode()
    assert reverse("public:article", args=[article.slug]) in words_in_any_order
    assert "0 kết quả" in anon.get(reverse("public:search"), {"q": "dan van kheo na hang"}).content.decode()
    feed = anon.get(reverse("public:feed")).content.decode()
    assert article.title in feed and f"/tin-tuc/{article.slug}/" in feed
    page = anon.get(reverse("public:article", args=[article.slug]))
    assert page.status_code == 200 and article.title in page.content.decode()


def test_unpublishing_removes_the_article_even_from_a_cached_page(world, anon, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(world, status=Status.PUBLISHED, title="Bài sẽ bị gỡ xuống")
    url = reverse("public:article", args=[article.slug])
    assert "Bài sẽ bị gỡ xuống" in anon.get(reverse("public:home")).content.decode()
    assert anon.get(url).status_code == 200  # both pages are now cached
    with django_capture_on_commit_callbacks(execute=True):
        services.article_unpublish(article=article, by=world.users["tinh"])
    assert "Bài sẽ bị gỡ xuống" not in anon.get(reverse("public:home")).content.decode()
    assert anon.get(url).status_code == 404


def test_a_draft_saved_after_a_page_was_cached_never_shows(world, anon, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_article(world, status=Status.PUBLISHED, title="Bài đã đăng")
    anon.get(reverse("public:home"))
    with django_capture_on_commit_callbacks(execute=True):
        draft = make_article(world, status=Status.IN_REVIEW, title="Bài đang chờ duyệt")
    assert "Bài đang chờ duyệt" not in anon.get(reverse("public:home")).content.decode()
    assert anon.get(reverse("public:article", args=[draft.slug])).status_code == 404


def test_an_edit_of_a_published_article_reaches_the_cached_page(world, anon, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(world, status=Status.PUBLISHED, title="Tiêu đề cũ")
    url = reverse("public:article", args=[article.slug])
    assert "Tiêu đề cũ" in anon.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.article_update(
            article=article, data=services.ArticleInput(title="Tiêu đề mới", body="<p>Nội dung mới</p>"), by=world.users["tinh"],
            expected_version=article.version,
        )  # fmt: skip
    html = anon.get(url).content.decode()
    assert "Tiêu đề mới" in html and "Tiêu đề cũ" not in html


def test_a_scheduled_article_appears_only_from_its_time(world, anon, django_capture_on_commit_callbacks):
    from django.utils import timezone

    at = timezone.now() + dt.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(world, status=Status.PUBLISHED, title="Bài hẹn giờ đăng", publish_at=at)
    assert article.published_at == at and article.is_scheduled
    url = reverse("public:article", args=[article.slug])
    assert "Bài hẹn giờ đăng" not in anon.get(reverse("public:home")).content.decode()
    assert anon.get(url).status_code == 404
    # No job runs: the queries compare published_at with now, and cached pages expire within a minute.
    with time_machine.travel(at + dt.timedelta(minutes=1), tick=False):
        assert "Bài hẹn giờ đăng" in anon.get(reverse("public:home")).content.decode()
        assert anon.get(url).status_code == 200


def test_public_pages_are_the_same_for_everyone_and_cacheable(world, anon, client_for, django_capture_on_commit_callbacks):
    article = make_article(world, status=Status.PUBLISHED, photo=True)
    urls = [
        reverse("public:home"), reverse("public:article", args=[article.slug]), reverse("public:search") + "?q=dan",
        reverse("public:exemplars"), reverse("public:models"), reverse("public:feed"),
        reverse("public:photo", args=[article.cover_id]),
    ]  # fmt: skip
    for url in urls:
        response = anon.get(url)
        assert response.status_code == 200, url
        assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"], url
        assert "cookie" not in response.get("Vary", "").lower(), url
        assert not response.cookies, url
    # Pages: a shared cache may keep them a minute; the reader's browser asks again and gets a 304.
    page = anon.get(reverse("public:home"))
    assert set(page["Cache-Control"].split(", ")) == {"public", "max-age=0", "s-maxage=60"}
    assert anon.get(reverse("public:home"), HTTP_IF_NONE_MATCH=page["ETag"]).status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        make_article(world, status=Status.PUBLISHED, title="Bài mới hơn")
    assert anon.get(reverse("public:home"), HTTP_IF_NONE_MATCH=page["ETag"]).status_code == 200
    # A signed-in visitor's session cookie is refreshed: that response must stay out of shared caches.
    signed_in = client_for("sonduong").get(reverse("public:home"))
    assert "private" in signed_in["Cache-Control"] and "public" not in signed_in["Cache-Control"]
    html = signed_in.content.decode()
    assert "Trần Minh Tuấn" not in html  # the page does not know who reads it


def test_article_page_has_open_graph_tags_and_a_canonical_link(world, anon):
    article = make_article(world, status=Status.PUBLISHED, photo=True, title="Gương sáng ở Sơn Dương")
    html = anon.get(reverse("public:article", args=[article.slug])).content.decode()
    url = f"http://testserver/tin-tuc/{article.slug}/"
    assert f'<meta property="og:title" content="{article.title}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:image" content="http://testserver/tin-tuc/anh/{article.cover_id}/">' in html
    assert '<meta property="og:description" content="Một thôn vùng cao' in html


def test_the_slug_is_readable_unique_and_fixed_once_published(world):
    first = make_article(world, title="Dân vận khéo ở Tân Trào")
    second = make_article(world, title="Dân vận khéo ở Tân Trào")
    assert first.slug == "dan-van-kheo-o-tan-trao" and second.slug == "dan-van-kheo-o-tan-trao-2"
    reserved = make_article(world, title="Tìm kiếm")
    assert reserved.slug != "tim-kiem"
    published = make_article(world, status=Status.PUBLISHED, title="Tiêu đề khi đăng")
    services.article_update(
        article=published, data=services.ArticleInput(title="Tiêu đề đã sửa", body="<p>x</p>"), by=world.users["tinh"],
        expected_version=published.version,
    )  # fmt: skip
    published.refresh_from_db()
    assert published.slug == "tieu-de-khi-dang"


def test_photos_of_an_unpublished_article_are_private_until_it_is_published(world, anon, client_for):
    article = make_article(world, status=Status.IN_REVIEW, photo=True)
    url = reverse("public:photo", args=[article.cover_id])
    assert anon.get(url).status_code == 404
    assert client_for("nahang").get(url).status_code == 404
    own = client_for("sonduong").get(url)
    assert own.status_code == 200 and "private" in own["Cache-Control"]
    services.article_publish(article=article, by=world.users["tinh"])
    response = anon.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert anon.get(reverse("public:photo_thumbnail", args=[article.cover_id]))["Content-Type"] == "image/jpeg"


def test_recognised_exemplars_are_listed_by_district_nominated_ones_are_not(world, anon):
    make_exemplar(world, status="recognised", name="Chi hội Phụ nữ thôn Cầu Trâm")
    make_exemplar(world, status="nominated", name="Tổ tự quản chưa được xét")
    make_exemplar(world, unit_code="072", by="nahang", status="recognised", name="Ông Ma Văn Hùng")
    html = anon.get(reverse("public:exemplars")).content.decode()
    assert "Chi hội Phụ nữ thôn Cầu Trâm" in html and "Ông Ma Văn Hùng" in html
    assert "Tổ tự quản chưa được xét" not in html
    assert html.index("Huyện Na Hang") < html.index("Ông Ma Văn Hùng")
    assert html.index("Huyện Sơn Dương") < html.index("Chi hội Phụ nữ thôn Cầu Trâm")


def test_models_page_lists_approved_models_by_district_not_drafts(world, anon, make):
    make(unit="076", kind="model", status="approved", title="Mô hình “Dân vận khéo” hiến đất làm đường")
    make(unit="076", kind="model", status="draft", title="Mô hình còn nháp")
    html = anon.get(reverse("public:models")).content.decode()
    assert "hiến đất làm đường" in html and "Mô hình còn nháp" not in html and "Huyện Sơn Dương" in html


def test_home_page_figures_count_published_articles_and_recognised_exemplars(world, anon):
    make_article(world, status=Status.PUBLISHED, title="Bài một")
    make_article(world, status=Status.PUBLISHED, title="Bài hai")
    make_article(world, status=Status.DRAFT, title="Bài nháp")
    make_exemplar(world, status="recognised")
    response = anon.get(reverse("public:home"))
    figures = response.content.decode().split('id="h-figures"')[1].split("</section>")[0]
    values = [chunk.split("</span>")[0] for chunk in figures.split('public-figure-value">')[1:]]
    assert values[2] == "1" and values[3] == "2"


@pytest.mark.parametrize("count", [2, 14])
def test_public_pages_run_a_fixed_number_of_queries(world, anon, count, django_assert_max_num_queries):
    for n in range(count):
        make_article(world, status=Status.PUBLISHED, title=f"Bài số {n}", photo=n < 2)
        make_exemplar(world, status="recognised", name=f"Gương {n}")
    slug = Article.objects.first().slug
    for url in (reverse("public:home"), reverse("public:article", args=[slug]), reverse("public:search") + "?q=bai",
                reverse("public:exemplars"), reverse("public:models"), reverse("public:feed")):  # fmt: skip
        cache.clear()
        with django_assert_max_num_queries(6):
            assert anon.get(url).status_code == 200
    anon.get(reverse("public:home"))
    with django_assert_max_num_queries(0):
        cached = anon.get(reverse("public:home"))  # from the cache
    assert cached.status_code == 200 and "Bài số 1" in cached.content.decode()


def test_exemplars_by_district_can_be_narrowed_to_one_district_and_are_paginated(world, anon):
    from publishing.views.public import LIST_PAGE_SIZE

    for n in range(LIST_PAGE_SIZE + 2):
        make_exemplar(world, status="recognised", name=f"Tập thể Sơn Dương số {n:02d}")
    make_exemplar(world, unit_code="072", by="nahang", status="recognised", name="Tập thể Na Hang")
    html = anon.get(reverse("public:exemplars")).content.decode()
    assert (
        f"Tất cả ({LIST_PAGE_SIZE + 3})" in html
        and f"Huyện Sơn Dương ({LIST_PAGE_SIZE + 2})" in html
        and "Huyện Na Hang (1)" in html
    )
    assert "Trang 1 / 2" in html
    only = anon.get(reverse("public:exemplars"), {"don-vi": "072"}).content.decode()
    assert "Tập thể Na Hang" in only and "Tập thể Sơn Dương số 00" not in only
