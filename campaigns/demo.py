"""Demo units (Tuyên Quang 2020), the provincial departments, the five movements and the 2020 campaign."""

import datetime as dt
from pathlib import Path

from .models import Campaign, Movement, Unit
from .services.units import units_import

DATA_DIR = Path(__file__).resolve().parent / "data"
PROVINCE_CODE = "08"

DEPARTMENTS = [
    ("08-BTG", "Ban Tuyên giáo"),
]

# Plan II.2.2 names these five; the order is the plan's.
MOVEMENTS = [
    ("Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”", "Toàn dân đoàn kết xây dựng NTM, ĐTVM"),
    ("Cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam”", "Người Việt Nam ưu tiên dùng hàng Việt Nam"),
    ("Phong trào “Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau”", "Chung tay vì người nghèo"),
    ("Phong trào “Tuyên Quang chung sức xây dựng nông thôn mới”", "Tuyên Quang chung sức xây dựng NTM"),
    ("Phong trào “Toàn dân bảo vệ an ninh Tổ quốc”", "Toàn dân bảo vệ an ninh Tổ quốc"),
]


def load(ctx):
    result = units_import(data=(DATA_DIR / "tuyen_quang_2020.csv").read_bytes())
    province = Unit.objects.open().get(code=PROVINCE_CODE)
    created_departments = 0
    for code, name in DEPARTMENTS:
        if not Unit.objects.open().filter(code=code).exists():
            Unit.objects.create(
                code=code, name=name, level=Unit.Level.DEPARTMENT, kind=Unit.Kind.DEPARTMENT, parent=province,
                path=f"{province.path}{code}/", depth=province.depth + 1, position=0,
            )
            created_departments += 1
    movements = []
    for position, (name, short) in enumerate(MOVEMENTS, start=1):
        movement, _ = Movement.objects.get_or_create(name=name, defaults={"short_name": short, "position": position})
        movements.append(movement)
    campaign, created = Campaign.objects.get_or_create(
        year=2020,
        defaults={
            "name": "Phong trào thi đua “Dân vận khéo” năm 2020",
            "theme": "Năm Dân vận khéo",
            "description": "Chủ đề Năm Dân vận khéo, nâng cao chất lượng, hiệu quả công tác dân vận trong hệ thống chính trị.",
            "status": Campaign.Status.ACTIVE,
            "starts_on": dt.date(2020, 1, 1),
            "ends_on": dt.date(2020, 12, 31),
        },
    )
    if created:
        campaign.movements.set(movements)
    ctx["units"] = {u.code: u for u in Unit.objects.open()}
    ctx["province"] = province
    ctx["campaign"] = campaign
    ctx["movements"] = movements
    return f"{result.summary()} {created_departments} ban chuyên môn mới; phong trào 2020 {'mới' if created else 'đã có'}."
