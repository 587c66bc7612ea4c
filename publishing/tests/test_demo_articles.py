"""The exemplars and articles demo: published articles of several districts with photos, one in
review, one returned, exemplars in every state, a contest entry; twice = once."""

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from publishing.models import Article, ContestEntry, Exemplar


def test_demo_articles_cover_the_workflow_and_load_twice_without_change(world):
    from publishing import demo as demo_articles
    from registrations import demo

    with time_machine.travel(dt.datetime(2021, 1, 15, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))):
        demo.load(world)
        demo_articles.load(world)
        counts = (Article.objects.count(), Exemplar.objects.count(), ContestEntry.objects.count())
        statuses = set(Article.objects.values_list("status", flat=True))
        assert statuses == {"published", "in_review", "returned"}
        public = Article.objects.public()
        assert public.count() == 4 and public.values("unit").distinct().count() == 4
        assert all(a.cover_id and f"/tin-tuc/anh/{a.cover_id}/" in a.body for a in public)
        assert {e.status for e in Exemplar.objects.all()} == set(Exemplar.Status.values)
        assert Article.objects.get(status="returned").transitions.get(action="return").comment
        demo_articles.load(world)
        assert (Article.objects.count(), Exemplar.objects.count(), ContestEntry.objects.count()) == counts
        cache.clear()
        anon = Client()
        home = anon.get(reverse("public:home")).content.decode()
        assert "Tân Trào: “Dân vận khéo” trong vận động hiến đất" in home and "Cựu chiến binh Đồng Bừa" not in home
        article = public.get(unit__code="076")
        assert anon.get(reverse("public:photo", args=[article.cover_id]))["Content-Type"] == "image/jpeg"
