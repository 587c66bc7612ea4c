"""The public pages (no login): the latest articles and the campaign in figures, an article at its
slug, search without diacritics, exemplars and models by district, the RSS feed, published
articles' photos.

These pages never look at request.user or the session: they are the same for everyone, rendered
without a RequestContext, and cached (registrations/public_cache.py) under the public content
version. Only published articles whose publication time has come ever appear
(`Article.objects.public()`); anything else is a 404. registrations/middleware.py gives the
responses their HTTP caching headers."""

from collections import OrderedDict

from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.scope import Scope
from campaigns.models import Campaign
from core.text import fold
from documents.selectors import image_of
from documents.views import _file_response
from publishing import access, public_cache
from publishing.models import Article, Exemplar
from registrations.models import Registration
from units.models import Unit

PAGE_SIZE = 10
PHOTO_MAX_AGE = 60
# A model counts once it was approved (drafts, submitted and returned ones are not public).
SHOWN_MODEL_STATES = (
    Registration.Status.APPROVED,
    Registration.Status.IN_PROGRESS,
    Registration.Status.COMPLETED,
    Registration.Status.EVALUATED,
)


def mark_public(response, max_age: int = public_cache.PUBLIC_TTL):
    """For publishing.middleware.PublicPageMiddleware: the same page for everyone."""
    response.public_max_age = max_age
    response["Content-Language"] = "vi"
    return response


def _page(request, name: str, template: str, build, *, params=(), paged=False, store=True) -> HttpResponse:
    """Render `template` with build() (which may raise Http404), or take it from the cache.

    The key holds the path, the parameters the page reads (`params`, and `trang` when `paged`) and
    nothing else of the query string. A page is stored under the values build() resolved (its
    context's `query` and page number), so a request naming an unknown unit or a page past the end
    is built and stored as the page it shows: the entries are bounded by the pages there are."""

    def key(query: str, number) -> str:
        return public_cache.page_key(name, request.scheme, request.get_host(), request.path, query, number)

    asked = urlencode([(p, request.GET[p]) for p in params if request.GET.get(p)])
    number = public_cache.page_number(request.GET.get("trang")) if paged else 1
    content = cache.get(key(asked, number)) if store and number else None
    if content is None:
        with translation.override("vi"):
            context = build()
            context["site_url"] = f"{request.scheme}://{request.get_host()}"
            context["canonical_path"] = context.get("canonical_path") or request.path
            content = render_to_string(template, context)
        if store:
            page = context.get("page") if paged else None
            shown = page.number if page is not None else 1
            cache.set(key(context.get("query") or "", shown), content, public_cache.PUBLIC_TTL)
    return mark_public(HttpResponse(content))


def _latest(qs):
    return qs.select_related("unit", "cover").order_by("-published_at", "-id")


def _figures() -> dict:
    campaign = Campaign.current()
    registrations = Registration.objects.registered()
    if campaign is not None:
        registrations = registrations.filter(campaign=campaign)
    reg = registrations.aggregate(
        total=Count("id"), models=Count("id", filter=Q(kind=Registration.Kind.MODEL, status__in=SHOWN_MODEL_STATES))
    )
    ex = Exemplar.objects.recognised().aggregate(
        total=Count("id"),
        collective=Count("id", filter=Q(kind=Exemplar.Kind.COLLECTIVE)),
        individual=Count("id", filter=Q(kind=Exemplar.Kind.INDIVIDUAL)),
    )
    return {
        "campaign": campaign,
        "registrations": reg["total"],
        "models": reg["models"],
        "exemplars": ex["total"],
        "exemplars_collective": ex["collective"],
        "exemplars_individual": ex["individual"],
        "articles": Article.objects.public().count(),
    }


def public_home(request):
    def build():
        page = Paginator(_latest(Article.objects.public()), PAGE_SIZE).get_page(request.GET.get("trang"))
        return {"page": page, "figures": _figures() if page.number == 1 else None, "query": "", "section": "home"}

    return _page(request, "home", "publishing/public/home.html", build, paged=True)


def public_article(request, slug: str):
    def build():
        article = _latest(Article.objects.public()).filter(slug=slug).first()
        if article is None:
            raise Http404(_("Không tìm thấy tin, bài."))
        related = list(_latest(Article.objects.public()).exclude(pk=article.pk)[:4])
        exemplars = list(article.exemplars.recognised().select_related("unit"))
        models = list(article.registrations.filter(status__in=SHOWN_MODEL_STATES).select_related("unit"))
        # A cover the writer also placed in the text is shown once, where it was placed.
        cover_in_body = article.cover_id is not None and f"/tin-tuc/anh/{article.cover_id}/" in article.body
        return {
            "article": article,
            "related": related,
            "exemplars": exemplars,
            "models": models,
            "section": "home",
            "cover_in_body": cover_in_body,
        }

    return _page(request, "article", "publishing/public/article.html", build)


def public_search(request):
    q = (request.GET.get("q") or "").strip()[:200]

    def build():
        found = Article.objects.none()
        words = fold(q).split()[:8]
        if words:
            # Every word, in any order and place: "dan van kheo luong thi men" finds "Dân vận khéo: bà Lương Thị Mến…".
            found = Article.objects.public()
            for word in words:
                found = found.filter(search_key__contains=word)
            found = _latest(found)
        page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("trang"))
        return {"page": page, "q": q, "query": urlencode({"q": q}) if q else ""}

    # Results are not stored: every different text searched would be another entry.
    return _page(request, "search", "publishing/public/search.html", build, params=("q",), paged=True, store=not q)


def _areas() -> list[Unit]:
    """The units right below the province (districts in 2020; communes since July 2025)."""
    return list(
        Unit.objects.open()
        .committees()
        .filter(parent__level=Unit.Level.PROVINCE)
        .select_related("parent")
        .order_by("parent__path", "position", "code")
    )


def _group(items, areas, unit_of):
    """[(area, [items])] in the areas' order; items of the province itself come first."""
    groups: OrderedDict = OrderedDict()
    province_items = []
    for area in areas:
        groups[area.pk] = (area, [])
    for item in items:
        unit = unit_of(item)
        area = next((a for a in areas if unit.path.startswith(a.path)), None)
        if area is None:
            province_items.append(item)
        else:
            groups[area.pk][1].append(item)
    result = [(None, province_items)] if province_items else []
    result += [g for g in groups.values() if g[1]]
    return result


LIST_PAGE_SIZE = 40


def _by_area(request, queryset, *, name: str, unit_of):
    """A list grouped by district: the districts with their counts (one query of filtered counts),
    then one page of the rows of the chosen district (?don-vi=<code>), or of all of them."""
    areas = _areas()
    counts = queryset.aggregate(
        total=Count("id"), **{f"a{a.pk}": Count("id", filter=Q(unit__path__startswith=a.path)) for a in areas}
    )
    for area in areas:
        area.count = counts[f"a{area.pk}"]
    chosen = next((a for a in areas if a.code == request.GET.get("don-vi")), None)
    if chosen is not None:
        queryset = queryset.filter(unit__path__startswith=chosen.path)
    page = Paginator(queryset, LIST_PAGE_SIZE).get_page(request.GET.get("trang"))
    rows = list(page.object_list)
    return {
        "areas": [a for a in areas if a.count],
        "chosen": chosen,
        "total": counts["total"],
        "page": page,
        "groups": _group(rows, areas, unit_of),
        "query": f"don-vi={chosen.code}" if chosen else "",
        "section": name,
    }


def public_exemplars(request):
    def build():
        exemplars = Exemplar.objects.recognised().select_related("unit").order_by("unit__path", "kind", "name", "id")
        return _by_area(request, exemplars, name="exemplars", unit_of=lambda e: e.unit)

    return _page(request, "exemplars", "publishing/public/exemplars.html", build, params=("don-vi",), paged=True)


def public_models(request):
    def build():
        models = (
            Registration.objects.filter(kind=Registration.Kind.MODEL, status__in=SHOWN_MODEL_STATES)
            .select_related("unit", "field", "campaign")
            .order_by("unit__path", "-campaign__year", "title", "id")
        )
        return _by_area(request, models, name="models", unit_of=lambda r: r.unit)

    return _page(request, "models", "publishing/public/models.html", build, params=("don-vi",), paged=True)


class ArticleFeed(Feed):
    title = gettext_lazy("Dân vận khéo — Tin, bài")
    description = gettext_lazy("Tin, bài về gương điển hình và mô hình “Dân vận khéo” của Ủy ban MTTQ Việt Nam tỉnh Tuyên Quang.")
    feed_type = Rss201rev2Feed

    def link(self):
        return reverse("public:home")

    def items(self):
        return list(_latest(Article.objects.public())[:20])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.body_text[:400]

    def item_link(self, item):
        return reverse("public:article", args=[item.slug])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.byline or item.unit.name

    def item_categories(self, item):
        return [item.unit.name]


_feed = ArticleFeed()


def public_feed(request):
    with translation.override("vi"):
        return mark_public(_feed(request))


def _photo(request, pk: int, *, thumbnail: bool):
    photo = image_of(Article, pk)
    article = Article.objects.filter(pk=photo.owner_id).select_related("unit").first() if photo else None
    if article is None:
        raise Http404(_("Không tìm thấy ảnh."))
    public = article.is_public
    # Only a photo of an unpublished article needs to know who asks (the writers and reviewers).
    if not public and not access.can_view_article(Scope.for_user(request.user), article):
        raise Http404(_("Không tìm thấy ảnh."))
    field = photo.thumbnail if thumbnail and photo.thumbnail else photo.file
    content_type = "image/jpeg" if field is photo.thumbnail else photo.mime
    response = _file_response(field, filename=photo.original_name, content_type=content_type, inline=True)
    if public:
        del response["Cache-Control"]
        mark_public(response, PHOTO_MAX_AGE)
    else:
        response["Cache-Control"] = "private, no-store"
    return response


def public_photo(request, pk: int):
    return _photo(request, pk, thumbnail=False)


def public_photo_thumbnail(request, pk: int):
    return _photo(request, pk, thumbnail=True)
