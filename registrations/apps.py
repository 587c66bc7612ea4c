from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Đăng ký, mô hình")

    def ready(self):
        from campaigns import carry_over
        from notifications import kinds
        from registrations import access, figures, home, nav  # noqa: F401  (file access, figures, home sections, navigation)
        from registrations.services.fields import fields_carry_over

        carry_over.register("registrations.fields", fields_carry_over)

        kinds.register("registration_submitted", _("Đăng ký “Dân vận khéo” chờ duyệt"))
        kinds.register("registration_decided", _("Đăng ký “Dân vận khéo” được duyệt hoặc trả lại"))
        kinds.register("registration_completed", _("Đăng ký “Dân vận khéo” hoàn thành, chờ đánh giá"))
        kinds.register("registration_evaluated", _("Kết quả đánh giá đăng ký “Dân vận khéo”"))
