"""Wiring of exemplars and articles into the portal, imported by RegistrationsConfig.ready():
navigation, notification kinds, who may see an article's photos, the home page section."""

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.scope import Scope
from core import home, navigation
from documents import access as documents_access
from notifications import kinds

from . import access_articles as access
from .models import Article

WRITERS = ("province_staff", "reviewer", "officer", "observer")
navigation.register(_("Gương điển hình"), "exemplars:list", roles=WRITERS, order=40, active_prefixes=("/guong-dien-hinh/",), group="publishing")
navigation.register(_("Tin, bài"), "articles:list", roles=WRITERS, order=45, active_prefixes=("/bai-viet/",), group="publishing")
navigation.register(_("Trang tin công khai"), "public:home", roles=("*",), order=95, active_prefixes=("/tin-tuc/",), group="publishing")

kinds.register("exemplar_nominated", _("Đề nghị công nhận gương điển hình “Dân vận khéo”"))
kinds.register("exemplar_decided", _("Kết quả xét công nhận gương điển hình"))
kinds.register("article_submitted", _("Tin, bài gửi đăng chờ duyệt"))
kinds.register("article_decided", _("Tin, bài được duyệt đăng, trả lại hoặc gỡ xuống"))


def _photo_can_view(request, article):
    return access.article_can_view(Scope.for_user(request.user), article)


def _photo_can_change(request, article):
    return access.article_can_edit(Scope.for_user(request.user), article)


documents_access.register(Article, can_view=_photo_can_view, can_change=_photo_can_change)


@home.register(order=35)
def articles_to_handle(request, scope):
    """Provincial staff: articles waiting to be published. Writers: their returned articles."""
    if scope.is_read_only:
        return None
    if scope.is_province_staff:
        rows = list(
            access.visible_articles(scope)
            .filter(status=Article.Status.IN_REVIEW)
            .select_related("unit")
            .order_by("submitted_at", "id")[:6]
        )
        title, empty, detail = (
            gettext("Tin, bài chờ duyệt đăng"),
            gettext("Không có tin, bài nào chờ duyệt đăng."),
            gettext("Biên tập, duyệt đăng hoặc trả lại"),
        )
    else:
        rows = list(
            access.visible_articles(scope)
            .filter(status=Article.Status.RETURNED, unit__in=scope.managed_units())
            .select_related("unit")
            .order_by("-updated_at", "id")[:6]
        )
        if not rows:
            return None
        title, empty, detail = gettext("Tin, bài bị trả lại"), "", gettext("Sửa theo ý kiến và gửi đăng lại")
    items = [
        home.HomeItem(text=a.title, url=reverse("articles:detail", args=[a.pk]), badge=a.unit.name, tone="info", detail=detail)
        for a in rows
    ]
    return home.HomeSection(
        title=title, items=items, empty_text=empty, action_label=gettext("Tất cả tin, bài"), action_url=reverse("articles:list"), order=35
    )
