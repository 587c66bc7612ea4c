"""Script payloads typed into every field of an article, an exemplar and a contest entry come out
inert on every page that shows them (private and public pages, the feed): no script element, no
event-handler attribute, no javascript: URL, no <svg>, no style attribute, no foreign image."""

from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from documents.tests.factories import png_upload
from publishing.models import Article, Exemplar
from publishing.sanitise import clean_body
from publishing.services import articles as services
from publishing.services import exemplars as exemplar_services

PAYLOADS = [
    "<script>alert('dvk')</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(2)">bấm</a>',
    '<a href="JaVaScRiPt:alert(3)">bấm</a>',
    '"><svg onload=alert(4)><circle r=1></svg>',
    '<p style="background:url(javascript:alert(5))">kiểu</p>',
    '<iframe src="https://example.com"></iframe>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(6)>",
    '<img src="https://tracker.example/p.gif">',
    '<a href="data:text/html,<script>alert(7)</script>">dữ liệu</a>',
]
ALL = " ".join(PAYLOADS)
SHORT = "<script>alert(1)</script><img src=x onerror=alert(2)><svg onload=alert(3)>"  # fits a 200-character field


class _Inspect(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}>")
            if name == "style":
                self.problems.append(f"<{tag} style>")
            if name in ("href", "src", "action") and value.startswith(("javascript:", "data:", "vbscript:")):
                self.problems.append(f"<{tag} {name}={value[:30]}>")
            if (
                tag == "img"
                and name == "src"
                and not value.startswith(("/tin-tuc/anh/", "/static/", "http://testserver/tin-tuc/anh/"))
            ):
                self.problems.append(f"<img src={value[:40]}>")
        if tag == "script" and not any(n == "src" and (v or "").startswith("/static/") for n, v in attrs):
            self.problems.append("<script> without a static src")
        if tag in ("svg", "iframe", "math", "style", "object", "embed"):
            self.problems.append(f"<{tag}>")


def assert_inert(html: str, where: str) -> None:
    parser = _Inspect()
    parser.feed(html)
    assert not parser.problems, f"{where}: {parser.problems}"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_sanitiser_leaves_each_payload_inert(payload):
    assert_inert(clean_body(payload, photo_ids=[1]), payload)


def test_allowed_formatting_survives_and_links_get_nofollow():
    html = clean_body(
        "<h2>Mục</h2><p><strong>đậm</strong> <em>nghiêng</em> <u>gạch</u></p><ul><li>một</li></ul><blockquote>trích</blockquote>"
        '<a href="https://mattran.tuyenquang.gov.vn/">trang</a><a href="mailto:a@b.vn">thư</a>'
        '<figure><img src="/tin-tuc/anh/7/" alt="ảnh"><figcaption>chú thích</figcaption></figure>'
        "<table><tr><th>Xã</th><td>12</td></tr></table>",
        photo_ids=[7],
    )
    for kept in ("<h2>Mục</h2>", "<strong>đậm</strong>", "<em>nghiêng</em>", "<u>gạch</u>", "<li>một</li>", "<blockquote>",
                 'href="https://mattran.tuyenquang.gov.vn/" rel="nofollow noopener"', 'href="mailto:a@b.vn"',
                 '<img src="/tin-tuc/anh/7/" alt="ảnh">', "<figcaption>chú thích</figcaption>", "<th>Xã</th>"):  # fmt: skip
        assert kept in html, kept


def test_an_image_of_another_article_or_server_is_removed():
    assert "<img" not in clean_body('<p>a</p><img src="/tin-tuc/anh/8/">', photo_ids=[7])
    assert "<img" not in clean_body('<img src="https://example.com/tin-tuc/anh/7/">', photo_ids=[7])
    assert "<img" not in clean_body('<img src="/tin-tuc/anh/7/../../bai-viet/">', photo_ids=[7])


def test_overlong_exemplar_fields_are_refused_in_vietnamese(world):
    with pytest.raises(ValidationError, match="dài quá 200"):
        exemplar_services.exemplar_nominate(
            data=exemplar_services.ExemplarInput(kind="collective", unit=world.units["076"], name="x" * 201, achievements="y"),
            by=world.users["sonduong"],
        )


def test_payloads_in_every_field_are_inert_on_every_page(world, client_for):
    cache.clear()
    sonduong, tinh = world.users["sonduong"], world.users["tinh"]
    exemplar = exemplar_services.exemplar_nominate(
        data=exemplar_services.ExemplarInput(
            kind=Exemplar.Kind.INDIVIDUAL, unit=world.units["076"], name="Bà Hoa " + SHORT, position=SHORT, period="<script>x</script>",
            achievements=ALL,
        ),
        by=sonduong,
    )  # fmt: skip
    exemplar_services.exemplar_decide(exemplar=exemplar, by=tinh, recognise=True, note=ALL)
    article = services.article_create(
        unit=world.units["076"],
        data=services.ArticleInput(
            title="Dân vận khéo " + ALL, summary=ALL, body="<p>Nội dung</p>" + ALL, byline=ALL, exemplars=[exemplar]
        ),
        by=sonduong,
    )
    services.article_add_photo(article=article, uploaded=png_upload("a.png"), by=sonduong, caption=ALL)
    article.refresh_from_db()
    services.article_submit(article=article, by=sonduong)
    services.article_return(article=article, by=tinh, comment=ALL)
    services.article_submit(article=article, by=sonduong)
    services.article_publish(article=article, by=tinh, comment=ALL)
    services.contest_enter(article=article, by=sonduong, category="online", author_name="Tác giả " + ALL, note=ALL)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    # Title and summary keep what was typed, as text (escaped where shown); the body keeps no script.
    assert "<script>alert('dvk')</script>" in article.title and "onerror" not in article.body and "<script" not in article.body

    anon = Client()
    pages = {
        "public article": anon.get(reverse("public:article", args=[article.slug])),
        "public home": anon.get(reverse("public:home")),
        "public search": anon.get(reverse("public:search"), {"q": "dan van kheo"}),
        "public exemplars": anon.get(reverse("public:exemplars")),
        "article detail": client_for("tinh").get(reverse("articles:detail", args=[article.pk])),
        "article edit": client_for("tinh").get(reverse("articles:edit", args=[article.pk])),
        "article list": client_for("tinh").get(reverse("articles:list")),
        "contest list": client_for("tinh").get(reverse("articles:contest")),
        "exemplar detail": client_for("tinh").get(reverse("exemplars:detail", args=[exemplar.pk])),
        "exemplar list": client_for("tinh").get(reverse("exemplars:list")),
    }
    for where, response in pages.items():
        assert response.status_code == 200, where
        assert_inert(response.content.decode(), where)
    # The feed is XML: its text is escaped, so no tag of a payload appears as markup.
    feed = anon.get(reverse("public:feed")).content.decode()
    assert "<script" not in feed and "<svg" not in feed and "<img" not in feed


def test_the_text_box_shows_paragraphs_as_text_and_saving_it_again_changes_nothing():
    from publishing.sanitise import body_for_editing

    stored = clean_body(
        "Ở thôn Cầu Trâm, ai cũng biết bà Mến.\nBà 58 tuổi.\n\nHai năm qua, <strong>9 hộ</strong> đã thoát nghèo."
    )
    assert (
        stored
        == "<p>Ở thôn Cầu Trâm, ai cũng biết bà Mến.<br>Bà 58 tuổi.</p><p>Hai năm qua, <strong>9 hộ</strong> đã thoát nghèo.</p>"
    )
    shown = body_for_editing(stored)
    assert shown.startswith("Ở thôn Cầu Trâm") and "\n\nHai năm qua" in shown and "<p>" not in shown
    assert clean_body(shown) == stored
    mixed = clean_body(
        'Mở đầu.\n\n<h2>Kết quả</h2>\n\n<figure><img src="/tin-tuc/anh/4/" alt="a"></figure>\n\nKết thúc.', photo_ids=[4]
    )
    assert mixed == '<p>Mở đầu.</p><h2>Kết quả</h2><figure><img src="/tin-tuc/anh/4/" alt="a"></figure><p>Kết thúc.</p>'
    assert clean_body(body_for_editing(mixed), photo_ids=[4]).replace("\n", "") == mixed
