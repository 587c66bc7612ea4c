"""Demo campaign: the five movements and the 2020 campaign."""

import datetime as dt

from campaigns.models import Campaign, Movement
from core import figures

# Plan II.2.2 names these five; the order is the plan's.
MOVEMENTS = [
    ("Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”", "Toàn dân đoàn kết xây dựng NTM, ĐTVM"),
    ("Cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam”", "Người Việt Nam ưu tiên dùng hàng Việt Nam"),
    ("Phong trào “Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau”", "Chung tay vì người nghèo"),
    ("Phong trào “Tuyên Quang chung sức xây dựng nông thôn mới”", "Tuyên Quang chung sức xây dựng NTM"),
    ("Phong trào “Toàn dân bảo vệ an ninh Tổ quốc”", "Toàn dân bảo vệ an ninh Tổ quốc"),
]


def load(ctx):
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
        figures.changed(units=None, campaign=campaign)  # a new campaign: its figures counted from scratch
    ctx["campaign"] = campaign
    ctx["movements"] = movements
    return f"Phong trào 2020 {'mới' if created else 'đã có'}."
