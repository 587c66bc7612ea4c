from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Thông báo và nhắc hạn"

    def ready(self):
        from . import nav  # noqa: F401
