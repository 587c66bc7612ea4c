"""What is counted of exemplars and articles (the figure registry, core/figures.py).

Counted for the unit the exemplar or article belongs to, within the window's days (they are not
tied to a campaign): exemplars recognised by the province (a recognition later withdrawn no
longer counts) and exemplars nominated (family "ex"); articles published on the public pages,
counted once their publication time has come (a scheduled one from its day; one taken down no
longer counts) (family "art").
"""

from django.db.models import Q
from django.utils.translation import gettext_noop

from core import figures
from publishing.models import Article, Exemplar

EX, ART = "ex", "art"


def _recognised(window):
    start, end = window.moments()
    return Exemplar.objects.recognised().filter(recognised_at__gte=start, recognised_at__lte=end)


def _nominated(window):
    start, end = window.moments()
    return Exemplar.objects.filter(nominated_at__gte=start, nominated_at__lte=end)


def _published(window):
    start, end = window.moments()
    return Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gte=start, published_at__lte=end)


def _register():
    K = Exemplar.Kind
    g = gettext_noop("Gương điển hình")
    figures.register_source("exemplars", family=EX, rows=_recognised)
    figures.register("exemplars", "exemplars_recognised", gettext_noop("Gương điển hình được tỉnh công nhận trong kỳ"), g)
    figures.register("exemplars", "exemplars_collective", gettext_noop("Trong đó: tập thể"), g, Q(kind=K.COLLECTIVE))
    figures.register("exemplars", "exemplars_individual", gettext_noop("Trong đó: cá nhân"), g, Q(kind=K.INDIVIDUAL))
    figures.register_source("exemplars_nominated", family=EX, rows=_nominated)
    figures.register("exemplars_nominated", "exemplars_nominated", "", "", reported=False)  # the dashboards' own label
    g = gettext_noop("Tin, bài")
    figures.register_source("articles", family=ART, rows=_published)
    figures.register(
        "articles",
        "articles_published",
        gettext_noop("Tin, bài được đăng trên trang tin công khai trong kỳ"),
        g,
        as_of="published_at",
    )


_register()


def exemplar_changed(*unit_ids) -> None:
    """Exemplars of these units changed (every campaign: they are counted by their dates)."""
    figures.changed(families=[EX], units=unit_ids)


def article_changed(*unit_ids) -> None:
    figures.changed(families=[ART], units=unit_ids)
