from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Kế hoạch, theo dõi, đôn đốc, kiểm tra")

    def ready(self):
        # Navigation, home sections, who may see files kept on plan records, PDF renderers.
        from notifications import kinds
        from plans import access, figures, home, nav, pdf  # noqa: F401

        pdf.register()
        kinds.register("plan_issued", _("Kế hoạch cấp trên ban hành, giao việc cho đơn vị"))
        kinds.register("lower_plan_issued", _("Đơn vị cấp dưới ban hành kế hoạch"))
        kinds.register("task_urged", _("Cấp trên đôn đốc việc được giao"))
        kinds.register("inspection_recorded", _("Kết quả kiểm tra, giám sát đơn vị"))
