from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "dashboards"
    verbose_name = "Bảng điều khiển"

    def ready(self):
        from . import home, nav, signals  # noqa: F401  (home item, navigation, summary upkeep)

        signals.connect()
