"""Demo data for notifications and reminders: an officer account for each district that has none
(so the deadline reminders of the 2020 demo reach all seven districts) and the reminder
schedules. Running it twice changes nothing."""

from accounts.demo import DemoPassword
from accounts.models import Membership, User
from core.roles import Role

# username, full name, district code, position (invented names, like every demo account).
DISTRICT_OFFICERS = [
    ("tptuyenquang", "Nguyễn Thị Thu Hà", "070", "Phó Chủ tịch Ủy ban MTTQ thành phố Tuyên Quang"),
    ("lambinh", "Ma Văn Quyết", "071", "Phó Chủ tịch Ủy ban MTTQ huyện Lâm Bình"),
    ("nahang", None, "072", None),  # the foundation's demo account
    ("chiemhoa", "Hà Thị Nguyệt", "073", "Phó Chủ tịch Ủy ban MTTQ huyện Chiêm Hóa"),
    ("hamyen", "Bàn Văn Thắng", "074", "Phó Chủ tịch Ủy ban MTTQ huyện Hàm Yên"),
    ("yenson", "Lê Thị Hồng", "075", "Phó Chủ tịch Ủy ban MTTQ huyện Yên Sơn"),
    ("sonduong", None, "076", None),
]


def ensure_district_officers(units) -> int:
    """An active officer at every district of the demo that has none; returns how many were made."""
    created = 0
    password = DemoPassword()
    for username, full_name, code, position in DISTRICT_OFFICERS:
        unit = units.get(code)
        if full_name is None or unit is None:
            continue
        if Membership.objects.active().filter(unit=unit, role=Role.OFFICER).exists():
            continue
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, full_name=full_name, email=f"{username}@mttq-tuyenquang.local")
            password.set_on(user)
            user.save()
            created += 1
        Membership.objects.get_or_create(user=user, unit=unit, role=Role.OFFICER, defaults={"position": position})
    return created


def load(ctx):
    from core.schedules import sync_schedules

    created = ensure_district_officers(ctx["units"])
    schedules = sync_schedules()
    return f"{created} tài khoản cán bộ huyện mới (để nhắc hạn); {schedules} lịch chạy định kỳ mới."
