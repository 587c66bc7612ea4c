"""Demo units: Tuyên Quang 2020 (the official list) and the provincial department Ban Tuyên giáo.

`ctx["units"]` is the 2020 map (the units valid on 1 January 2020), whatever was loaded after it:
the loaders of the 2020 campaign read it. Once a later map is in (units.demo_today loads the one
in force since 1 July 2025), the 2020 list is not imported again: a past map is never rewritten,
and the 2020 rows are already there."""

from pathlib import Path

from units.models import DEFAULT_VALID_FROM, Unit
from units.services import units_import

DATA_DIR = Path(__file__).resolve().parent / "data"
PROVINCE_CODE = "08"
MAP_2020 = DEFAULT_VALID_FROM

DEPARTMENTS = [
    ("08-BTG", "Ban Tuyên giáo"),
]


def load(ctx):
    later_map = Unit.objects.filter(valid_from__gt=MAP_2020).exists()
    if later_map:
        summary = f"bản đồ 2020 đã có ({Unit.objects.valid_on(MAP_2020).count()} đơn vị), đã nạp bản đồ sau đó."
    else:
        summary = units_import(data=(DATA_DIR / "tuyen_quang_2020.csv").read_bytes()).summary()
    province = Unit.objects.open().get(code=PROVINCE_CODE)
    created_departments = 0
    for code, name in DEPARTMENTS:
        if not Unit.objects.open().filter(code=code).exists():
            Unit.objects.create(
                code=code,
                name=name,
                level=Unit.Level.DEPARTMENT,
                kind=Unit.Kind.DEPARTMENT,
                parent=province,
                path=f"{province.path}{code}/",
                depth=province.depth + 1,
                position=0,
            )
            created_departments += 1
    ctx["units"] = {u.code: u for u in Unit.objects.valid_on(MAP_2020)}
    ctx["province"] = province
    return f"{summary} {created_departments} ban chuyên môn mới."
