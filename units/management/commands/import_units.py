import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from units.models import DEFAULT_VALID_FROM
from units.services import SOURCE_LEVELS, UnitImportError, units_import


class Command(BaseCommand):
    help = (
        "Nhập cây đơn vị từ tệp CSV code,name,level,parent_code (UTF-8). Tất cả hoặc không có gì. "
        f"Cấp (level): {', '.join(SOURCE_LEVELS)}; ward (phường) và special_zone (đặc khu) là đơn vị cấp xã "
        "như commune (xã). Đơn vị đổi tên, đổi cấp hay đổi cấp trên hết hiệu lực từ --valid-from và có phiên bản "
        "mới; các dòng cũ giữ nguyên. Tên chỉ khác chỗ đặt dấu thanh (Hòa/Hoà, Thủy/Thuỷ) là không đổi. "
        "Ví dụ bản đồ 2025 của cả nước: import_units units/data/vn_units_2025.csv --root VN "
        "--valid-from 2025-07-01 --close-missing."
    )

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
            help=(
                "Đơn vị đang hiệu lực dưới các tỉnh của tệp (hoặc dưới đơn vị --root) mà không có trong tệp sẽ hết "
                "hiệu lực từ --valid-from. Không đóng: đơn vị trung ương, các ban chuyên môn (department) của đơn vị "
                "còn hiệu lực, đơn vị ngoài các tỉnh của tệp."
            ),
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
        for note in result.notes:
            self.stdout.write(note)
        self.stdout.write(result.summary())
