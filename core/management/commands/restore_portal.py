from pathlib import Path

import environ
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu vào một cơ sở dữ liệu MỚI (PostgreSQL rỗng qua --target-url, hoặc "
        "một tệp SQLite mới qua --target-sqlite) và thư mục tệp, rồi đối chiếu số dòng và mã băm."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument("--target-url", help="postgres://… của một cơ sở dữ liệu rỗng đã tạo sẵn")
        parser.add_argument("--target-sqlite", type=Path, help="đường dẫn tệp SQLite mới")
        parser.add_argument("--media-root", type=Path, default=None, help="thư mục tệp (mặc định MEDIA_ROOT)")

    def handle(self, *args, directory, target_url=None, target_sqlite=None, media_root=None, **options):
        if bool(target_url) == bool(target_sqlite):
            raise CommandError("Cần đúng một trong hai: --target-url hoặc --target-sqlite.")
        target = environ.Env.db_url_config(target_url) if target_url else {"NAME": str(target_sqlite)}
        try:
            result = restore(directory=directory, target_db=target, media_root=media_root or Path(settings.MEDIA_ROOT))
        except (BackupError, OSError, KeyError) as exc:
            raise CommandError(f"Khôi phục không thành công: {exc}") from exc
        for line in result.mismatches:
            self.stderr.write(line)
        self.stdout.write(
            f"restore: {result.tables_checked} tables, {result.rows} rows, {result.files_checked} files checked, "
            f"{len(result.mismatches)} mismatches"
        )
        if result.mismatches:
            raise CommandError("Bản khôi phục không khớp bản sao lưu.")
