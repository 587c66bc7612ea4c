from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Đơn vị, phong trào và kế hoạch")

    def ready(self):
        # Navigation, home sections, who may see files kept on units and on plan records, PDF renderers.
        from . import documents_access, home, home_plans, nav, pdf, plan_access  # noqa: F401

        pdf.register()
        from . import unit_cache

        unit_cache.connect()  # caches of unit lists follow every change of the tree
        from notifications import kinds

        kinds.register("plan_issued", _("Kế hoạch cấp trên ban hành, giao việc cho đơn vị"))
        kinds.register("lower_plan_issued", _("Đơn vị cấp dưới ban hành kế hoạch"))
        kinds.register("task_urged", _("Cấp trên đôn đốc việc được giao"))
        kinds.register("inspection_recorded", _("Kết quả kiểm tra, giám sát đơn vị"))
