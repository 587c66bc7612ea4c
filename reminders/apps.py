from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = _("Nhắc hạn")

    def ready(self):
        from reminders import home, nav  # noqa: F401
