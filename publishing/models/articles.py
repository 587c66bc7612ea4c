"""Articles ("tin, bài", plan II.2.1 and III.2): news about exemplars and models, written by a
unit, reviewed and published by provincial staff on the portal's public pages; entries of the
press contest about "Dân vận khéo" exemplars.

The body is HTML cleaned by the sanitiser (registrations/sanitise.py) in the service before it is
stored; nothing else an author types is ever rendered unescaped."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import Versioned
from core.fields import NFCCharField, NFCTextField, SearchKeyField


class ArticleQuerySet(models.QuerySet):
    def public(self, now=None):
        """What an anonymous visitor may see: published, and its publication time has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=now or timezone.now())

    def in_subtree(self, unit):
        return self.filter(unit__path__startswith=unit.path)


class Article(Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Nháp")
        IN_REVIEW = "in_review", _("Chờ duyệt đăng")
        RETURNED = "returned", _("Bị trả lại")
        PUBLISHED = "published", _("Đã đăng")
        UNPUBLISHED = "unpublished", _("Đã gỡ xuống")

    # States in which the author's unit may still change and send it.
    EDITABLE = (Status.DRAFT, Status.RETURNED, Status.UNPUBLISHED)

    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị viết bài"), on_delete=models.PROTECT, related_name="articles")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người viết"), null=True, on_delete=models.SET_NULL, related_name="articles"
    )
    byline = NFCCharField(_("tác giả (ghi cuối bài)"), max_length=200, blank=True)
    title = NFCCharField(_("tiêu đề"), max_length=250)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True)
    summary = NFCTextField(_("tóm tắt"), max_length=600, blank=True)
    body = NFCTextField(_("nội dung"), blank=True)
    cover = models.ForeignKey(
        "documents.Attachment", verbose_name=_("ảnh đại diện"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    exemplars = models.ManyToManyField(
        "publishing.Exemplar", verbose_name=_("gương điển hình được nói đến"), blank=True, related_name="articles"
    )
    registrations = models.ManyToManyField(
        "registrations.Registration", verbose_name=_("mô hình, việc làm được nói đến"), blank=True, related_name="articles"
    )
    units = models.ManyToManyField("units.Unit", verbose_name=_("địa bàn"), blank=True, related_name="articles_about")
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("gửi đăng lúc"), null=True, blank=True)
    published_at = models.DateTimeField(_("đăng lúc"), null=True, blank=True, help_text=_("Có thể hẹn giờ đăng."))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt đăng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    client_token = models.UUIDField(null=True, blank=True, editable=False)
    search_key = SearchKeyField(sources=("title", "summary", "body_text", "unit.name", "byline"))
    history = HistoricalRecords()

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("tin, bài")
        verbose_name_plural = _("tin, bài")
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_status_published"),
            models.Index(fields=["unit", "status"], name="article_unit_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False), name="article_published_has_date"
            ),
            models.UniqueConstraint(
                fields=["author", "client_token"], condition=Q(client_token__isnull=False), name="article_client_token_unique"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def body_text(self) -> str:
        return strip_tags(self.body or "")

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.published_at is not None and self.published_at <= timezone.now()

    @property
    def is_scheduled(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.published_at is not None and self.published_at > timezone.now()


class ArticleTransition(models.Model):
    """One step of an article's workflow, with the reviewer's comment when it is returned."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("Gửi đăng")
        PUBLISH = "publish", _("Duyệt đăng")
        RETURN = "return", _("Trả lại")
        UNPUBLISH = "unpublish", _("Gỡ xuống")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(_("thao tác"), max_length=12, choices=Action.choices)
    from_status = models.CharField(max_length=12, choices=Article.Status.choices)
    to_status = models.CharField(max_length=12, choices=Article.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("lúc"), default=timezone.now)
    comment = NFCTextField(_("ý kiến"), blank=True)

    class Meta:
        verbose_name = _("bước duyệt tin, bài")
        verbose_name_plural = _("các bước duyệt tin, bài")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.get_action_display()} — {self.article}"


class ContestEntry(models.Model):
    """An article entered in the press contest about "Dân vận khéo" exemplars (2017-2020)."""

    CONTEST_NAME = _("Cuộc thi báo chí viết về tấm gương “Dân vận khéo” giai đoạn 2017-2020")

    class Category(models.TextChoices):
        PRINT = "print", _("Báo in")
        ONLINE = "online", _("Báo điện tử")
        RADIO = "radio", _("Phát thanh")
        TELEVISION = "television", _("Truyền hình")
        PHOTO = "photo", _("Ảnh báo chí")

    article = models.OneToOneField(Article, verbose_name=_("tác phẩm"), on_delete=models.CASCADE, related_name="contest_entry")
    category = models.CharField(_("thể loại"), max_length=12, choices=Category.choices)
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị gửi dự thi"), on_delete=models.PROTECT, related_name="contest_entries"
    )
    author_name = NFCCharField(_("tác giả, nhóm tác giả"), max_length=200)
    note = NFCTextField(_("ghi chú"), blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    entered_at = models.DateTimeField(_("gửi dự thi lúc"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tác phẩm dự thi")
        verbose_name_plural = _("tác phẩm dự thi")
        ordering = ["category", "-entered_at"]

    def __str__(self):
        return f"{self.get_category_display()}: {self.article}"
