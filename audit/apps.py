from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Nhật ký thay đổi"

    def ready(self):
        from . import nav, recorder  # noqa: F401  (navigation; the history signal receiver)
