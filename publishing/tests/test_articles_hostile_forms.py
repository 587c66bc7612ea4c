"""The exemplar and article forms through the real pages (tests/test_hostile_input.py's harness):
every text box filled with script payloads typed in decomposed Unicode; the pages that show the
result render them inert and composed (NFC)."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from publishing.models import Article, Exemplar
from publishing.services import articles as services
from publishing.tests.factories import make_article
from tests.test_hostile_input import assert_composed, assert_inert, check, send


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def test_article_written_sent_and_published_shows_everything_inert(world, client_for):
    sonduong = client_for("sonduong")
    send(sonduong, reverse("articles:create"), overrides={"unit": str(world.units["076"].pk)})
    article = Article.objects.get()
    check(sonduong, None, reverse("articles:detail", args=[article.pk]))
    services.article_submit(article=article, by=world.users["sonduong"])
    services.article_publish(article=article, by=world.users["tinh"])
    anon = Client()
    for url in (reverse("public:article", args=[article.slug]), reverse("public:home")):
        html = anon.get(url).content.decode()
        assert_inert(html)
        assert_composed(html)


def test_exemplar_nomination_and_decision_note(world, client_for):
    sonduong = client_for("sonduong")
    send(sonduong, reverse("exemplars:create"), overrides={"unit": str(world.units["076"].pk), "kind": "individual"})
    exemplar = Exemplar.objects.get()
    check(sonduong, None, reverse("exemplars:detail", args=[exemplar.pk]))
    tinh = client_for("tinh")
    send(tinh, reverse("exemplars:detail", args=[exemplar.pk]), action=reverse("exemplars:decide", args=[exemplar.pk]),
         overrides={"decision": "reject"})  # fmt: skip
    exemplar.refresh_from_db()
    assert exemplar.status == "not_recognised"
    check(tinh, None, reverse("exemplars:detail", args=[exemplar.pk]))


def test_return_comment_and_contest_entry(world, client_for):
    article = make_article(world, status="in_review")
    tinh = client_for("tinh")
    url = reverse("articles:detail", args=[article.pk])
    send(tinh, url, action=reverse("articles:return", args=[article.pk]))
    check(client_for("sonduong"), None, url)
    send(
        client_for("sonduong"), url, action=reverse("articles:contest_enter", args=[article.pk]), overrides={"category": "radio"}
    )
    html = check(tinh, None, reverse("articles:contest"))
    assert "Phát thanh" in html
