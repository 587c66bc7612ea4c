"""Measure the .xlsx and .csv exports on many registrations: time, peak Python heap and peak RSS.

Run on a scratch database, never on real data (it adds rows):
    DANVAN_VAR_DIR=/tmp/bench manage.py migrate
    DANVAN_VAR_DIR=/tmp/bench manage.py registrations_export_bench --rows 100000
"""

import contextlib
import datetime as dt
import time
import tracemalloc
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from campaigns.models import Campaign
from registrations.exports import csv_lines, write_xlsx
from registrations.models import Field, Registration
from units.models import Unit

BATCH = 5000


def _rss_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _reset_peak_rss() -> None:
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM (Linux)


class Command(BaseCommand):
    help = "Đo thời gian và bộ nhớ khi xuất .xlsx/.csv nhiều đăng ký (chỉ chạy trên cơ sở dữ liệu thử)."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=100_000)

    def handle(self, *args, rows, **options):
        if not getattr(settings, "DANVAN_DEMO_ALLOWED", False):
            raise CommandError("Lệnh đo này thêm dữ liệu thử; không chạy với cấu hình production.")
        self._fill(rows)
        queryset = Registration.objects.order_by("-updated_at", "-id")
        total = queryset.count()
        self.stdout.write(f"{total} đăng ký; RSS trước khi xuất: {_rss_kb('VmRSS') / 1024:.0f} MB")
        for name, run in (("xlsx", self._xlsx), ("csv", self._csv)):
            # Time and peak RSS without tracing (tracemalloc slows Python down several times) ...
            _reset_peak_rss()
            started = time.perf_counter()
            size = run(queryset)
            elapsed = time.perf_counter() - started
            rss = _rss_kb("VmHWM") / 1024
            # ... then the peak of the Python heap with tracing.
            tracemalloc.start()
            run(queryset)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            self.stdout.write(
                f"{name}: {elapsed:.1f} s, {size / 1024 / 1024:.1f} MB, đỉnh RSS {rss:.0f} MB, "
                f"đỉnh heap Python {peak / 1024 / 1024:.1f} MB"
            )

    def _xlsx(self, queryset) -> int:
        handle = write_xlsx(queryset, title="Đo xuất", subtitle="")
        handle.seek(0, 2)
        size = handle.tell()
        handle.close()
        return size

    def _csv(self, queryset) -> int:
        return sum(len(line.encode("utf-8")) for line in csv_lines(queryset))

    def _fill(self, rows: int) -> None:
        have = Registration.objects.count()
        if have >= rows:
            return
        if not Unit.objects.exists():
            from accounts import demo as accounts_demo
            from campaigns import demo as campaigns_demo
            from core.management.commands.seed_demo import DemoContext
            from units import demo as units_demo

            ctx = DemoContext()
            units_demo.load(ctx)
            campaigns_demo.load(ctx)
            accounts_demo.load(ctx)
        campaign = Campaign.objects.order_by("-year").first()
        units = list(Unit.objects.filter(level=Unit.Level.COMMUNE))
        fields = list(Field.objects.all())
        start = time.perf_counter()
        for offset in range(have, rows, BATCH):
            batch = []
            for i in range(offset, min(rows, offset + BATCH)):
                unit = units[i % len(units)]
                batch.append(
                    Registration(
                        campaign=campaign, kind="content", unit=unit, title=f"Vận động nhân dân xây dựng nông thôn mới số {i}",
                        description="Mô tả cách làm " * 5, field=fields[i % len(fields)], starts_on=dt.date(2020, 3, 1),
                        ends_on=dt.date(2020, 11, 30), responsible="Nguyễn Văn An", expected_result="Hoàn thành đúng hạn",
                        status="approved", percent_done=i % 101, search_key="",
                    )
                )  # fmt: skip
            Registration.objects.bulk_create(batch)
        self.stdout.write(f"Đã thêm {rows - have} đăng ký thử trong {time.perf_counter() - start:.0f} s")
