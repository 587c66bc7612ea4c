"""Exemplars and articles in any state, made through the services (for tests and the access
matrix). Units and people come from the test world (conftest.world)."""

from documents.tests.factories import png_upload
from publishing.models import Article, Exemplar
from publishing.services import articles as article_services
from publishing.services import exemplars as exemplar_services

BODY = (
    "<p>Bằng cách “đi từng ngõ, gõ từng nhà”, Ban công tác Mặt trận thôn đã vận động 42 hộ hiến "
    "1.850 m² đất làm đường giao thông nông thôn.</p>"
)


def make_exemplar(
    world, *, unit_code="076", status=Exemplar.Status.NOMINATED, name="Ban công tác Mặt trận thôn Tân Lập", by="sonduong"
):
    unit = world.units[unit_code]
    exemplar = exemplar_services.exemplar_nominate(
        data=exemplar_services.ExemplarInput(
            kind=Exemplar.Kind.COLLECTIVE, unit=unit, name=name, period="2019-2020",
            achievements="Vận động nhân dân hiến đất, góp công làm 3,2 km đường bê tông.",
        ),
        by=world.users[by],
    )  # fmt: skip
    if status != Exemplar.Status.NOMINATED:
        exemplar_services.exemplar_decide(
            exemplar=exemplar, by=world.users["tinh"], recognise=status == Exemplar.Status.RECOGNISED,
            note="" if status == Exemplar.Status.RECOGNISED else "Chưa đủ thành tích tiêu biểu.",
        )  # fmt: skip
    exemplar.refresh_from_db()
    return exemplar


def make_article(
    world,
    *,
    status=Article.Status.DRAFT,
    unit_code="076",
    author="sonduong",
    title="Gương sáng Dân vận khéo ở Sơn Dương",
    summary="Một thôn vùng cao vận động nhân dân hiến đất làm đường.",
    body=BODY,
    photo=False,
    publish_at=None,
):
    """An article of Huyện Sơn Dương by default, taken through the workflow up to `status`."""
    writer = world.users[author]
    article = article_services.article_create(
        unit=world.units[unit_code],
        data=article_services.ArticleInput(title=title, summary=summary, body=body),
        by=writer,
    )
    if photo:
        article_services.article_add_photo(article=article, uploaded=png_upload("anh-bia.png"), by=writer, caption="Ảnh minh họa")
        article.refresh_from_db()
    if status == Article.Status.DRAFT:
        return article
    article_services.article_submit(article=article, by=writer)
    tinh = world.users["tinh"]
    if status == Article.Status.RETURNED:
        article_services.article_return(article=article, by=tinh, comment="Bổ sung số liệu cụ thể.")
    elif status in (Article.Status.PUBLISHED, Article.Status.UNPUBLISHED):
        article_services.article_publish(article=article, by=tinh, publish_at=publish_at)
        if status == Article.Status.UNPUBLISHED:
            article_services.article_unpublish(article=article, by=tinh)
    article.refresh_from_db()
    return article
