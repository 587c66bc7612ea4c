from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Người dùng và vai trò"

    def ready(self):
        from . import home, nav  # noqa: F401
