from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Phong trào thi đua, ngày kỷ niệm")

    def ready(self):
        from campaigns import access  # noqa: F401  (who may see the files of commemoration activities)
