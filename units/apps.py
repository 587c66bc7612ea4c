from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = _("Đơn vị")

    def ready(self):
        from units import access, cache, nav  # noqa: F401  (files kept on units, navigation)

        cache.connect()  # caches of unit lists follow every change of the tree
