from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared helpers with no domain of their own (text, dates, fields, forms, uploads, PDFs, queue)."""

    name = "core"
    verbose_name = _("Cổng Dân vận khéo")
