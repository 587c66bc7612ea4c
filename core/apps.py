from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared helpers with no domain of their own (text, dates, fields, forms, uploads, PDFs, queue and outbox)."""

    name = "core"
    verbose_name = _("Cổng Dân vận khéo")

    def ready(self):
        from core import nav  # noqa: F401  (the home page's entry)
        from core.schedules import sync_after_migrate

        post_migrate.connect(sync_after_migrate, sender=self, dispatch_uid="danvan_sync_schedules")
