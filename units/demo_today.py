"""The demo's map of today: Tuyên Quang since 1 July 2025 (province → 124 communes and wards, no
district), loaded on top of the 2020 map as `import_units --valid-from 2025-07-01 --close-missing`
would: the 2020 districts and communes close on that day, the departments (Ban Tuyên giáo) stay.

`ctx["units_today"]` is the map valid today. Before 1 July 2025 (a clock set back) this loader does
nothing and the demo is the 2020 campaign alone. Importing the same file again changes nothing."""

import datetime as dt

from django.utils import timezone

from units.demo import DATA_DIR
from units.models import Unit
from units.services import units_import

MAP_FROM = dt.date(2025, 7, 1)
MAP_FILE = DATA_DIR / "tuyen_quang_2025.csv"


def load(ctx):
    today = timezone.localdate()
    if today < MAP_FROM:
        return None
    result = units_import(data=MAP_FILE.read_bytes(), valid_from=MAP_FROM, close_missing=True)
    ctx["units_today"] = {u.code: u for u in Unit.objects.valid_on(today)}
    return f"bản đồ từ 01/7/2025: {result.summary()}"
