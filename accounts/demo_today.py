"""Demo accounts of the current year, on the map in force today (units.demo_today): officers of
communes and wards that report and register this year, and a cadre. The 2020 accounts stay on their
2020 units (moving them is the reform page's work); provincial staff, the reviewer and the observer
act at the province and Ban Tuyên giáo, the same units in both maps. Same password as every demo
account. Running it twice changes nothing."""

from accounts.demo import DemoPassword
from accounts.models import Membership, User
from accounts.services import cadres_changed
from core.roles import Role

# username, full name, unit code (2025 map), role, position. Invented people.
PEOPLE_TODAY = [
    ("hagiang1", "Nguyễn Thị Thu Hằng", "00694", Role.OFFICER, "Chủ tịch Ủy ban MTTQ phường Hà Giang 1"),
    ("hagiang2", "Lò Văn Sáng", "00691", Role.OFFICER, "Chủ tịch Ủy ban MTTQ phường Hà Giang 2"),
    ("canbohg", "Vàng Thị Mỷ", "00694", Role.CADRE, "Cán bộ Ủy ban MTTQ phường Hà Giang 1"),
    ("minhxuan", "Đặng Thị Ngọc Lan", "02215", Role.OFFICER, "Chủ tịch Ủy ban MTTQ phường Minh Xuân"),
    ("nongtien", "Hà Văn Dũng", "02212", Role.OFFICER, "Phó Chủ tịch Ủy ban MTTQ phường Nông Tiến"),
    ("mylam", "Trần Thị Thanh Tâm", "02509", Role.OFFICER, "Chủ tịch Ủy ban MTTQ phường Mỹ Lâm"),
    ("antuong", "Phạm Quốc Việt", "02512", Role.OFFICER, "Phó Chủ tịch Ủy ban MTTQ phường An Tường"),
    ("binhthuan", "Nông Thị Huyền", "02524", Role.OFFICER, "Chủ tịch Ủy ban MTTQ phường Bình Thuận"),
    ("xasonduong", "Đỗ Văn Thành", "02536", Role.OFFICER, "Chủ tịch Ủy ban MTTQ xã Sơn Dương"),
    ("dongvan", "Sùng Mí Chứ", "00721", Role.OFFICER, "Chủ tịch Ủy ban MTTQ xã Đồng Văn"),
    ("meovac", "Giàng Thị Sua", "00769", Role.OFFICER, "Phó Chủ tịch Ủy ban MTTQ xã Mèo Vạc"),
]


def load(ctx):
    units = ctx.get("units_today")
    if units is None:  # before the 2025 map: the demo is the 2020 campaign alone
        return None
    created = 0
    users = {}
    memberships = []
    password = DemoPassword()
    for username, full_name, code, role, position in PEOPLE_TODAY:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, full_name=full_name, email=f"{username}@mttq-tuyenquang.local")
            password.set_on(user)
            user.save()
            created += 1
        membership, _ = Membership.objects.get_or_create(user=user, unit=units[code], role=role, defaults={"position": position})
        memberships.append(membership)
        users[username] = user
    cadres_changed(*memberships)
    ctx["users"] = {**ctx.get("users", {}), **users}
    return f"{created} tài khoản mới trên bản đồ hiện hành, {len(PEOPLE_TODAY) - created} đã có."
