from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Thông báo và nhắc hạn")

    def ready(self):
        from core.schedules import sync_after_migrate

        from . import home, kinds, nav  # noqa: F401

        post_migrate.connect(sync_after_migrate, sender=self, dispatch_uid="danvan_sync_schedules")
