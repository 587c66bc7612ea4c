from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Báo cáo định kỳ")

    def ready(self):
        from campaigns import carry_over
        from notifications import kinds
        from reports import access, figures, home, nav, pdf  # noqa: F401  (figures, navigation, home sections, PDF renderers)
        from reports.services import periods_carry_over

        carry_over.register("reports.periods", periods_carry_over)

        kinds.register("report_submitted", _("Đơn vị cấp dưới gửi báo cáo định kỳ"))
        kinds.register("report_returned", _("Báo cáo định kỳ bị trả lại"))
        kinds.register("report_accepted", _("Báo cáo định kỳ được tiếp nhận"))
        kinds.register("report_reopened", _("Báo cáo định kỳ được mở lại"))
