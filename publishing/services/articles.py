"""Articles ("tin, bài"): written by a unit, sent for publication ("gửi đăng"), edited and
published by provincial staff (possibly at a later time) or returned with a comment; published
articles can be unpublished. Press contest entries.

The body is sanitised here, before it is stored (registrations/sanitise.py); title and summary
are stored as plain text. Every change the public may see bumps the public pages' cache version
once the transaction commits."""

import uuid
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership
from accounts.scope import Scope
from core.concurrency import bump_version
from core.roles import Role
from core.text import slugify_vi
from core.uploads import IMAGE_TYPES
from documents.models import Attachment
from documents.selectors import attachments_of
from documents.services import attachment_add
from notifications.services import notify
from publishing import access, figures, public_cache
from publishing.models import Article, ArticleTransition, ContestEntry
from publishing.sanitise import clean_body, plain_text
from registrations.models import Registration

Status = Article.Status
Action = ArticleTransition.Action
# Models an article may be about: approved ones (the public pages show those).
PUBLIC_MODEL_STATES = (
    Registration.Status.APPROVED,
    Registration.Status.IN_PROGRESS,
    Registration.Status.COMPLETED,
    Registration.Status.EVALUATED,
)
# Slugs that are pages of the public site, not articles.
RESERVED_SLUGS = {"tim-kiem", "guong-dien-hinh", "mo-hinh", "rss-xml", "rss", "anh", "trang"}


@dataclass
class ArticleInput:
    title: str
    summary: str = ""
    body: str = ""
    byline: str = ""
    exemplars: list = field(default_factory=list)
    models: list = field(default_factory=list)
    cover_id: int | None = None


def unique_slug(title: str, *, exclude_pk=None) -> str:
    base = slugify_vi(title, max_length=100) or "bai-viet"
    if base in RESERVED_SLUGS:
        base = f"{base}-bai"
    taken = set(Article.objects.filter(slug__startswith=base).exclude(pk=exclude_pk).values_list("slug", flat=True))
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _photo_ids(article: Article) -> list[int]:
    if article.pk is None:
        return []
    return list(attachments_of(article, images=True).values_list("pk", flat=True))


def _apply(article: Article, data: ArticleInput) -> None:
    title = plain_text(data.title, max_length=250)
    if not title:
        raise ValidationError({"title": _("Hãy ghi tiêu đề.")})
    article.title = title
    article.summary = plain_text(data.summary, max_length=600)
    article.byline = plain_text(data.byline, max_length=200)
    photos = _photo_ids(article)
    article.body = clean_body(data.body, photo_ids=photos)
    if data.cover_id is not None:
        article.cover_id = data.cover_id if data.cover_id in photos else None
    if article.published_at is None or article.slug == "":
        # The address is fixed once the article has been published (links to it are out there).
        article.slug = unique_slug(title, exclude_pk=article.pk)


def _set_links(article: Article, data: ArticleInput, scope: Scope) -> None:
    """The exemplars and models the article is about (those the writer may see), and the places:
    the writing unit and the units of those exemplars and models."""
    from registrations import access as registration_access

    exemplars = [e for e in data.exemplars if access.can_view_exemplar(scope, e)]
    models = [
        r
        for r in data.models
        if r.kind == Registration.Kind.MODEL
        and registration_access.can_view_registration(scope, r)
        and r.status in PUBLIC_MODEL_STATES
    ]
    article.exemplars.set(exemplars)
    article.registrations.set(models)
    units = {article.unit_id} | {e.unit_id for e in exemplars} | {r.unit_id for r in models}
    article.units.set(sorted(units))


def article_create(*, unit, data: ArticleInput, by, client_token: uuid.UUID | None = None) -> Article:
    scope = Scope.for_user(by)
    if scope.is_read_only or not scope.manages(unit):
        raise PermissionDenied(_("Bạn chỉ viết tin, bài cho đơn vị mình quản lý."))
    if client_token is not None:
        existing = Article.objects.filter(author=by, client_token=client_token).first()
        if existing is not None:
            return existing
    article = Article(unit=unit, author=by, client_token=client_token)
    _apply(article, data)
    article._history_user = by
    try:
        with transaction.atomic():
            article.save()
            _set_links(article, data, scope)
    except IntegrityError:
        existing = Article.objects.filter(author=by, client_token=client_token).first() if client_token else None
        if existing is None:
            raise
        return existing
    return article


def article_update(*, article: Article, data: ArticleInput, by, expected_version: int) -> Article:
    scope = Scope.for_user(by)
    if not access.can_edit_article(scope, article):
        raise PermissionDenied(_("Bạn không sửa được tin, bài này ở trạng thái hiện tại."))
    with transaction.atomic():
        bump_version(article, expected=expected_version)
        _apply(article, data)
        article._history_user = by
        article.save()
        _set_links(article, data, scope)
        if article.status == Status.PUBLISHED:
            transaction.on_commit(public_cache.bump)
    return article


def article_add_photo(*, article: Article, uploaded, by, caption: str = "") -> Attachment:
    """A photo of the article (checked by content, ≤ 10 MB, thumbnail made); the first becomes the cover."""
    if not access.can_edit_article(Scope.for_user(by), article):
        raise PermissionDenied(_("Bạn không sửa được tin, bài này ở trạng thái hiện tại."))
    with transaction.atomic():
        photo = attachment_add(
            owner=article, uploaded=uploaded, by=by, caption=plain_text(caption, max_length=300), allowed=IMAGE_TYPES
        )
        if article.cover_id is None:
            Article.objects.filter(pk=article.pk, cover__isnull=True).update(cover=photo)
            article.cover = photo
        if article.status == Status.PUBLISHED:
            transaction.on_commit(public_cache.bump)
    return photo


def _province_staff_over(unit) -> list:
    staff = Membership.objects.active().filter(role=Role.PROVINCE_STAFF).select_related("user", "unit", "unit__parent")
    return [m.user for m in staff if unit.path.startswith(m.unit.committee.path)]


def _writers_of(article: Article) -> list:
    people = [m.user for m in Membership.objects.officers_of(article.unit.committee).select_related("user")]
    if article.author_id:
        people.append(article.author)
    return people


def _step(
    article: Article, *, action: str, by, allowed_from, to_status, check_actor, comment: str = "", at=None, publish_at=None
):
    scope = Scope.for_user(by)
    with transaction.atomic():
        locked = Article.objects.select_for_update(of=("self",)).select_related("unit", "author").filter(pk=article.pk).first()
        if locked is None:
            raise ValidationError(_("Tin, bài không còn tồn tại."))
        if not check_actor(scope, locked):
            raise PermissionDenied(_("Bạn không thực hiện được thao tác này với tin, bài này."))
        if locked.status == to_status:
            _refresh(article, locked)
            return None  # a double tap, or someone else was quicker
        if locked.status not in allowed_from:
            raise ValidationError(
                _("Tin, bài đang ở trạng thái “%(status)s”, không thể %(action)s."),
                params={"status": locked.get_status_display(), "action": Action(action).label.lower()},
            )
        at = at or timezone.now()
        transition = ArticleTransition.objects.create(
            article=locked, action=action, from_status=locked.status, to_status=to_status, by=by, at=at, comment=comment
        )
        was_public = locked.status == Status.PUBLISHED
        locked.status = to_status
        if action == Action.SUBMIT:
            locked.submitted_at = at
        if action == Action.PUBLISH:
            locked.published_at = publish_at or at
            locked.published_by = by
        locked.version += 1
        locked._history_user = by
        locked.save()
        _notify(locked, transition, by)
        if was_public or to_status == Status.PUBLISHED:
            figures.article_changed(locked.unit_id)
            transaction.on_commit(public_cache.bump)
    _refresh(article, locked)
    return transition


def _refresh(target: Article, source: Article) -> None:
    for f in ("status", "version", "submitted_at", "published_at", "published_by_id", "updated_at", "slug"):
        setattr(target, f, getattr(source, f))


def _notify(article: Article, transition: ArticleTransition, by) -> None:
    url = reverse("articles:detail", args=[article.pk])
    if transition.action == Action.SUBMIT:
        recipients, kind = _province_staff_over(article.unit), "article_submitted"
        text = f"Tin, bài gửi đăng: “{article.title}” — {article.unit.name}"  # vi-only
    elif transition.action == Action.PUBLISH:
        recipients, kind = _writers_of(article), "article_decided"
        when = timezone.localtime(article.published_at)
        text = f"Tin, bài đã được duyệt đăng: “{article.title}”"  # vi-only
        if article.published_at > timezone.now():
            text += f" (hẹn đăng lúc {when:%H:%M} ngày {when.day}/{when.month}/{when.year})"  # vi-only
    elif transition.action == Action.RETURN:
        recipients, kind = _writers_of(article), "article_decided"
        text = f"Tin, bài bị trả lại: “{article.title}”"  # vi-only
    else:
        recipients, kind = _writers_of(article), "article_decided"
        text = f"Tin, bài đã được gỡ khỏi trang tin: “{article.title}”"  # vi-only
    notify(
        recipients=recipients, kind=kind, title=text[:300], body=transition.comment, url=url, target=article, unit=article.unit,
        actor=by,
    )  # fmt: skip


def _check_complete(article: Article) -> None:
    missing = []
    if not article.title.strip():
        missing.append(_("tiêu đề"))
    if not article.body_text.strip():
        missing.append(_("nội dung"))
    if missing:
        raise ValidationError(_("Chưa gửi được: còn thiếu %(missing)s."), params={"missing": ", ".join(missing)})


def article_submit(*, article: Article, by, at=None):
    """ "Gửi đăng": the writing unit sends a draft (or a returned or unpublished article) to the province."""
    _check_complete(article)
    return _step(article, action=Action.SUBMIT, by=by, allowed_from=Article.EDITABLE, to_status=Status.IN_REVIEW,
                 check_actor=access.is_writer, at=at)  # fmt: skip


def article_publish(*, article: Article, by, publish_at=None, comment: str = "", at=None):
    """Publish now, or at `publish_at` (the public sees it from that time on)."""
    now = at or timezone.now()
    if publish_at is not None and publish_at < now:
        publish_at = None  # a time in the past means now
    return _step(article, action=Action.PUBLISH, by=by, allowed_from=(Status.IN_REVIEW, Status.UNPUBLISHED),
                 to_status=Status.PUBLISHED, check_actor=access.is_editor, comment=(comment or "").strip(), at=at,
                 publish_at=publish_at)  # fmt: skip


def article_return(*, article: Article, by, comment: str, at=None):
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Hãy ghi ý kiến để đơn vị viết bài biết cần sửa gì.")})
    return _step(article, action=Action.RETURN, by=by, allowed_from=(Status.IN_REVIEW,), to_status=Status.RETURNED,
                 check_actor=access.is_editor, comment=comment, at=at)  # fmt: skip


def article_unpublish(*, article: Article, by, comment: str = "", at=None):
    return _step(article, action=Action.UNPUBLISH, by=by, allowed_from=(Status.PUBLISHED,), to_status=Status.UNPUBLISHED,
                 check_actor=access.is_editor, comment=(comment or "").strip(), at=at)  # fmt: skip


def contest_enter(*, article: Article, by, category: str, author_name: str, note: str = "") -> ContestEntry:
    """Enter the article in the press contest (once; entering again updates the category and names)."""
    scope = Scope.for_user(by)
    if not access.can_enter_contest_article(scope, article):
        raise PermissionDenied(_("Chỉ đơn vị viết bài hoặc cán bộ tỉnh mới gửi tác phẩm dự thi."))
    errors = {}
    if category not in ContestEntry.Category.values:
        errors["category"] = _("Hãy chọn thể loại.")
    author_name = plain_text(author_name, max_length=200)
    if not author_name:
        errors["author_name"] = _("Hãy ghi tác giả, nhóm tác giả.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        entry, _created = ContestEntry.objects.select_for_update().get_or_create(
            article=article, defaults={"category": category, "unit": article.unit, "author_name": author_name, "entered_by": by}
        )
        entry.category = category
        entry.author_name = author_name
        entry.note = plain_text(note, max_length=2000)
        entry._history_user = by
        entry.save()
    return entry
