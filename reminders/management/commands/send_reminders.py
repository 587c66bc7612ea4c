"""The reminder sweep without Celery (cron-only installations), or by hand:

    manage.py send_reminders [--date YYYY-MM-DD] [--dry-run]

One line per reminder (unit | subject | step | recipients), then `total: N`. Safe to run twice:
the second run of the same day sends nothing. With Celery, the same sweep runs from beat at 07:00
(core/schedules.py)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from reminders.sweep import sweep


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Ngày “{value}” không hợp lệ; hãy viết theo dạng NĂM-THÁNG-NGÀY, ví dụ 2020-06-07.") from exc


class Command(BaseCommand):
    help = "Gửi nhắc hạn báo cáo và nhiệm vụ của một ngày (mặc định hôm nay, giờ Việt Nam). Chạy lại không gửi trùng."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Ngày quét, dạng YYYY-MM-DD (mặc định: hôm nay).")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ in ra những gì sẽ gửi, không gửi, không ghi gì.")

    def handle(self, *args, date=None, dry_run=False, **options):
        day = _date(date) if isinstance(date, str) else date
        result = sweep(day=day, dry_run=dry_run)
        for line in result.lines:
            self.stdout.write(str(line))
        if result.busy:
            self.stderr.write(f"{result.busy} lần nhắc đang được một tiến trình khác gửi; bỏ qua.")
        if dry_run:
            self.stderr.write(f"Chạy thử cho ngày {result.day:%d/%m/%Y}: chưa gửi gì.")
        self.stdout.write(f"total: {result.total}")
