from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Nhật ký thay đổi")

    def ready(self):
        from audit import nav, recorder  # noqa: F401  (navigation; the history signal receiver)
