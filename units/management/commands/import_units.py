import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from units.models import DEFAULT_VALID_FROM
from units.services import UnitImportError, units_import


class Command(BaseCommand):
    help = "Nhập cây đơn vị từ tệp CSV code,name,level,parent_code (UTF-8). Tất cả hoặc không có gì."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--valid-from",
            type=dt.date.fromisoformat,
            default=DEFAULT_VALID_FROM,
            help="Ngày hiệu lực của các đơn vị trong tệp (YYYY-MM-DD, mặc định 2020-01-01).",
        )
        parser.add_argument(
            "--root",
            default="",
            help="Mã đơn vị trung ương (cấp central, đã có) để đặt các tỉnh không có cấp trên vào dưới nó.",
        )
        parser.add_argument(
            "--close-missing",
            action="store_true",
            help="Đơn vị đang hiệu lực dưới các tỉnh của tệp mà không có trong tệp sẽ hết hiệu lực từ --valid-from.",
        )

    def handle(self, *args, file: Path, valid_from, close_missing, root="", **options):
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {file}: {exc}") from exc
        try:
            result = units_import(data=data, valid_from=valid_from, close_missing=close_missing, root_code=root)
        except UnitImportError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(result.summary())
