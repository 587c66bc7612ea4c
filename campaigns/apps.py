from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = "Đơn vị, phong trào và kế hoạch"

    def ready(self):
        from . import documents_access, home, nav  # noqa: F401  (register navigation, home sections, file access)
