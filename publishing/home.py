from django.urls import reverse
from django.utils.translation import gettext

from core import home
from publishing import access
from publishing.models import Article


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
        title=title,
        items=items,
        empty_text=empty,
        action_label=gettext("Tất cả tin, bài"),
        action_url=reverse("articles:list"),
        order=35,
    )
