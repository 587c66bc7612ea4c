"""Load the demo: Tuyên Quang 2020 units, the 2020 campaign and its plan, demo accounts for every
role, and each app's demo records. Safe to run twice (the second run changes nothing). Refuses to
run with the production settings."""

import importlib
import importlib.util

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# Order matters: later loaders use what earlier ones made (units → campaign → accounts → plans → …).
DEMO_MODULES = [
    "units.demo",
    "campaigns.demo",
    "accounts.demo",
    "plans.demo",
    "registrations.demo",
    "publishing.demo",
    "reports.demo",
    "reminders.demo",
    "dashboards.demo",
]


class DemoContext(dict):
    """What loaders share: units by code, users by username, the campaign, …"""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError as exc:
            raise AttributeError(name) from exc


class Command(BaseCommand):
    help = "Nạp dữ liệu trình diễn Tuyên Quang 2020 (đơn vị, phong trào, kế hoạch, tài khoản). Chạy lại không thay đổi gì."

    def handle(self, *args, **options):
        if not getattr(settings, "DANVAN_DEMO_ALLOWED", False):
            raise CommandError("seed_demo không chạy với cấu hình production (dữ liệu trình diễn có mật khẩu công khai).")
        context = DemoContext(stdout=self.stdout)
        with transaction.atomic():
            for name in DEMO_MODULES:
                if importlib.util.find_spec(name) is None:
                    continue
                module = importlib.import_module(name)
                summary = module.load(context)
                if summary:
                    self.stdout.write(f"{name}: {summary}")
        self.stdout.write(
            self.style.SUCCESS("Dữ liệu trình diễn đã sẵn sàng. Tài khoản: xem README.md (mật khẩu dvk-demo-2020).")
        )
