"""sonduong writes an article with a photo about an exemplar on a phone and sends it; tinh edits and
publishes it; an anonymous visitor finds it on the public home page, by a search without
diacritics and in the feed; a draft is never visible to the public. No CSP violation anywhere."""

import pytest
from playwright.sync_api import expect

from documents.tests.factories import png_bytes

pytestmark = pytest.mark.e2e

TITLE = "Dân vận khéo: bà Lương Thị Mến giúp hội viên thoát nghèo"


def _article():
    from publishing.models import Article

    return Article.objects.get(title__startswith="Dân vận khéo: bà Lương Thị Mến")


def _watch(page, found):
    page.on("console", lambda msg: found.append(msg.text) if "Content Security Policy" in msg.text else None)
    return page


def test_article_from_phone_to_public_pages(e2e_world, page, browser, live_server, login, csp_violations):
    from publishing.tests.factories import make_article, make_exemplar

    exemplar = make_exemplar(e2e_world, unit_code="02545", by="tantrao", status="recognised", name="Bà Lương Thị Mến")
    url = live_server.url

    # --- sonduong writes on a phone -------------------------------------------------------------
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    mobile = _watch(phone.new_page(), csp_violations)
    login("sonduong", target=mobile)
    mobile.goto(f"{url}/bai-viet/")
    mobile.get_by_role("link", name="Viết tin, bài").click()
    mobile.get_by_role("textbox", name="Tiêu đề").fill(TITLE)
    mobile.get_by_label("Tóm tắt (sa-pô)").fill("Chi hội trưởng phụ nữ thôn Cầu Trâm vận động 28 hội viên vay vốn chăn nuôi.")
    body = mobile.get_by_label("Nội dung", exact=True)
    body.fill("Ở thôn Cầu Trâm, ai cũng biết bà Mến.\n\nHai năm qua, 9 hộ hội viên đã thoát nghèo.")
    body.select_text()
    mobile.get_by_role("button", name="In đậm").click()  # the toolbar wraps the selection in <strong>
    mobile.get_by_label(exemplar.name).check()
    assert mobile.evaluate("document.documentElement.scrollWidth") <= 390
    mobile.get_by_role("button", name="Lưu bản nháp").click()
    expect(mobile.locator(".portal-messages")).to_contain_text("Đã lưu bản nháp")
    article = _article()
    assert article.status == "draft" and "<strong>" in article.body and list(article.exemplars.all()) == [exemplar]

    mobile.get_by_label("Ảnh (JPG, PNG, WEBP; tối đa 10 MB)").set_input_files(
        {"name": "ba-men.png", "mimeType": "image/png", "buffer": png_bytes(size=(320, 200))}
    )
    mobile.get_by_label("Chú thích ảnh").fill("Bà Mến thăm mô hình chăn nuôi của hội viên")
    mobile.get_by_role("button", name="Tải ảnh lên").click()
    expect(mobile.locator(".portal-messages")).to_contain_text("Đã tải ảnh lên")
    mobile.get_by_role("button", name="Chèn ảnh vào nội dung").click()
    mobile.get_by_role("button", name="Lưu", exact=True).click()
    expect(mobile.locator(".portal-messages")).to_contain_text("Đã lưu tin, bài")
    article = _article()
    assert f'<img src="/tin-tuc/anh/{article.cover_id}/"' in article.body
    mobile.get_by_role("button", name="Gửi đăng").click()
    expect(mobile.get_by_test_id("article-status")).to_have_text("Chờ duyệt đăng")

    # --- not public yet ---------------------------------------------------------------------------
    visitor_context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    visitor = _watch(visitor_context.new_page(), csp_violations)
    assert visitor.goto(f"{url}/tin-tuc/{article.slug}/").status == 404
    assert visitor.goto(f"{url}/tin-tuc/anh/{article.cover_id}/").status == 404
    visitor.goto(f"{url}/tin-tuc/")
    expect(visitor.locator("main")).not_to_contain_text("Lương Thị Mến")

    # --- tinh edits and publishes -----------------------------------------------------------------
    office = browser.new_context(viewport={"width": 1280, "height": 900})
    desk = _watch(office.new_page(), csp_violations)
    login("tinh", target=desk)
    expect(desk.get_by_text("Tin, bài chờ duyệt đăng")).to_be_visible()
    desk.get_by_role("link", name=TITLE).click()
    desk.get_by_role("link", name="Biên tập").click()
    desk.get_by_role("textbox", name="Tiêu đề").fill(TITLE + " ở Tân Trào")
    desk.get_by_role("button", name="Lưu", exact=True).click()
    expect(desk.get_by_role("heading", level=1)).to_have_text(TITLE + " ở Tân Trào")
    desk.get_by_role("button", name="Duyệt đăng").click()
    expect(desk.get_by_test_id("article-status")).to_have_text("Đã đăng")
    article = _article()
    assert article.is_public and article.published_by.username == "tinh"

    # --- the anonymous visitor finds it -----------------------------------------------------------
    visitor.goto(f"{url}/")
    assert visitor.url == f"{url}/tin-tuc/"
    expect(visitor.get_by_test_id("login-link")).to_be_visible()
    visitor.get_by_role("link", name=article.title).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(article.title)
    photo = visitor.locator(f".public-article-body img[src='/tin-tuc/anh/{article.cover_id}/']")
    expect(photo).to_be_visible()
    visitor.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=photo.element_handle())
    assert visitor.evaluate("(img) => img.naturalWidth", photo.element_handle()) == 320
    assert visitor.locator("meta[property='og:title']").get_attribute("content") == article.title
    visitor.get_by_label("Tìm tin, bài").fill("dan van kheo luong thi men")
    visitor.get_by_role("button", name="Tìm", exact=True).click()
    expect(visitor.locator("main")).to_contain_text("1 kết quả")
    expect(visitor.get_by_role("link", name=article.title)).to_be_visible()
    feed = visitor.goto(f"{url}/tin-tuc/rss.xml")
    assert article.title in feed.text() and f"/tin-tuc/{article.slug}/" in feed.text()

    # --- a draft is never public ------------------------------------------------------------------
    draft = make_article(e2e_world, title="Bản nháp Dân vận khéo chưa gửi")
    assert visitor.goto(f"{url}/tin-tuc/{draft.slug}/").status == 404
    visitor.goto(f"{url}/tin-tuc/tim-kiem/?q=ban+nhap+dan+van+kheo")
    expect(visitor.locator("main")).to_contain_text("0 kết quả")
    assert "Bản nháp" not in visitor.goto(f"{url}/tin-tuc/rss.xml").text()

    assert csp_violations == []
    for context in (phone, visitor_context, office):
        context.close()
