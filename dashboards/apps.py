from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "dashboards"
    verbose_name = _("Bảng điều khiển")

    def ready(self):
        from dashboards import home, nav, signals  # noqa: F401  (home item, navigation, summary upkeep)

        signals.connect()
