from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = _("Gương điển hình, tin bài, trang tin công khai")

    def ready(self):
        from notifications import kinds
        from publishing import access, figures, home, nav  # noqa: F401  (photo access, figures, home section, navigation)

        kinds.register("exemplar_nominated", _("Đề nghị công nhận gương điển hình “Dân vận khéo”"))
        kinds.register("exemplar_decided", _("Kết quả xét công nhận gương điển hình"))
        kinds.register("article_submitted", _("Tin, bài gửi đăng chờ duyệt"))
        kinds.register("article_decided", _("Tin, bài được duyệt đăng, trả lại hoặc gỡ xuống"))
