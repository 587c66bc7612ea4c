import time

from django.core.management.base import BaseCommand, CommandError

from campaigns.models import Campaign
from dashboards import figures


class Command(BaseCommand):
    help = (
        "Tính lại từ đầu số liệu tổng hợp của bảng điều khiển (sau khi nạp dữ liệu hàng loạt; chạy hằng đêm để phòng sai lệch)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--campaign", type=int, help="Mã (id) phong trào; mặc định: mọi phong trào.")

    def handle(self, *args, campaign=None, **options):
        if campaign is not None and not Campaign.objects.filter(pk=campaign).exists():
            raise CommandError(f"Không có phong trào có mã {campaign}.")
        started = time.monotonic()
        figures.flush_pending()
        written = figures.refresh_all([campaign] if campaign else None)
        for pk, n in written.items():
            self.stdout.write(f"Phong trào {pk}: {n} dòng số liệu")
        self.stdout.write(self.style.SUCCESS(f"Đã tính lại trong {time.monotonic() - started:.1f} giây."))
