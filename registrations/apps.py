from django.apps import AppConfig


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = "Đăng ký, mô hình, gương điển hình"

    def ready(self):
        from notifications import kinds

        # file access, home sections, navigation; exemplars and articles (navigation, notices, photo access)
        from . import articles_setup, documents_access, home, nav  # noqa: F401

        kinds.register("registration_submitted", "Đăng ký “Dân vận khéo” chờ duyệt")
        kinds.register("registration_decided", "Đăng ký “Dân vận khéo” được duyệt hoặc trả lại")
        kinds.register("registration_completed", "Đăng ký “Dân vận khéo” hoàn thành, chờ đánh giá")
        kinds.register("registration_evaluated", "Kết quả đánh giá đăng ký “Dân vận khéo”")
