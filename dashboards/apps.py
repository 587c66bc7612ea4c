from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "dashboards"
    verbose_name = _("Bảng điều khiển")

    def ready(self):
        from core import figures as registry
        from dashboards import figures, home, nav  # noqa: F401  (home item, navigation)

        # The summary rows follow the changes the services report (core.figures.changed / renamed).
        registry.listen(figures.apply_change)
