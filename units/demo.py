"""Demo units: Tuyên Quang 2020 (the official list) and the provincial department Ban Tuyên giáo."""

from pathlib import Path

from units.models import Unit
from units.services import units_import

DATA_DIR = Path(__file__).resolve().parent / "data"
PROVINCE_CODE = "08"

DEPARTMENTS = [
    ("08-BTG", "Ban Tuyên giáo"),
]


def load(ctx):
    result = units_import(data=(DATA_DIR / "tuyen_quang_2020.csv").read_bytes())
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
    ctx["units"] = {u.code: u for u in Unit.objects.open()}
    ctx["province"] = province
    return f"{result.summary()} {created_departments} ban chuyên môn mới."
