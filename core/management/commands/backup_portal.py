from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup, default_directory


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và tệp tải lên (kèm bảng kiểm: số dòng mỗi bảng, mã băm mỗi tệp)."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="Thư mục mới để ghi bản sao lưu (mặc định var/backups/<thời điểm>).")

    def handle(self, *args, output=None, **options):
        directory = output or default_directory()
        try:
            result = backup(directory=directory)
        except (BackupError, OSError) as exc:
            raise CommandError(f"Sao lưu không thành công: {exc}") from exc
        self.stdout.write(f"backup: {result.directory} — {result.tables} tables, {result.rows} rows, {result.files} files")
