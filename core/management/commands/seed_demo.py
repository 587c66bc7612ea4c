"""Load the demo: the 2020 campaign as it was (Tuyên Quang's 2020 units, the seed plan, reports,
registrations, exemplars, articles; closed at the end, a read-only archive), then the demo of today:
the map in force since 1 July 2025 and this year's campaign, opened from 2020 and running, with
plans, registrations, reports and articles dated around today. Demo accounts for every role in
both years. Safe to run twice (the second run changes nothing). Refuses to run with the production
settings."""

import importlib
import importlib.util
import logging
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# Order matters: later loaders use what earlier ones made (units → campaign → accounts → plans → …).
DEMO_MODULES = [
    # The 2020 campaign, on the 2020 map.
    "units.demo",
    "campaigns.demo",
    "accounts.demo",
    "plans.demo",
    "plans.demo_district",
    "registrations.demo",
    "publishing.demo",
    "reports.demo",
    "reminders.demo",
    # Today (from 1 July 2025 on; before that day they do nothing): the map in force and this year's campaign.
    "units.demo_today",
    "accounts.demo_today",
    "campaigns.demo_today",
    "plans.demo_today",
    "registrations.demo_today",
    "publishing.demo_today",
    "reports.demo_today",
    "dashboards.demo",
    # Last: 2020 becomes a closed archive (its loaders write through services that refuse a closed year).
    "campaigns.demo_archive",
]
# Tasks run in-process while loading (e-mails of the notifications): one log line each is noise here.
QUIET_LOGGERS = ["celery"]


class DemoContext(dict):
    """What loaders share: units by code, users by username, the campaign, …"""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError as exc:
            raise AttributeError(name) from exc


@contextmanager
def _quiet(names):
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu trình diễn: phong trào năm 2020 (lưu trữ) và phong trào năm nay trên bản đồ đơn vị hiện hành "
        "(đơn vị, kế hoạch, đăng ký, báo cáo, tài khoản). Chạy lại không thay đổi gì."
    )

    def handle(self, *args, **options):
        if not getattr(settings, "DANVAN_DEMO_ALLOWED", False):
            raise CommandError("seed_demo không chạy với cấu hình production (dữ liệu trình diễn có mật khẩu công khai).")
        context = DemoContext(stdout=self.stdout)
        with _quiet(QUIET_LOGGERS), transaction.atomic():
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
