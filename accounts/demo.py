"""Demo accounts, one per role; all with the password in DEMO_PASSWORD (printed in README)."""

from django.contrib.auth.hashers import make_password

from accounts.models import Membership, User
from accounts.services import cadres_changed
from core.roles import Role

DEMO_PASSWORD = "dvk-demo-2020"


class DemoPassword:
    """The demo password, hashed once per loader run and given to every new demo account (the
    password is public; hashing it again for each account took most of seed_demo's time)."""

    def __init__(self):
        self._hash = None

    def set_on(self, user) -> None:
        if self._hash is None:
            self._hash = make_password(DEMO_PASSWORD)
        user.password = self._hash


# username, full name, unit code, role, position
DEMO_ACCOUNTS = [
    ("tinh", "Hoàng Thị Thanh Hương", "08", Role.PROVINCE_STAFF, "Phó Chủ tịch Ủy ban MTTQ tỉnh"),
    ("tuyengiao", "Nguyễn Văn Đức", "08-BTG", Role.REVIEWER, "Trưởng Ban Tuyên giáo"),
    ("sonduong", "Trần Minh Tuấn", "076", Role.OFFICER, "Phó Chủ tịch Ủy ban MTTQ huyện Sơn Dương"),
    ("nahang", "Ma Thị Lan", "072", Role.OFFICER, "Phó Chủ tịch Ủy ban MTTQ huyện Na Hang"),
    ("tantrao", "Lê Văn Hòa", "02545", Role.OFFICER, "Chủ tịch Ủy ban MTTQ xã Tân Trào"),
    ("canbo", "Phạm Thị Mai", "076", Role.CADRE, "Cán bộ Ban Tuyên giáo, Ủy ban MTTQ huyện Sơn Dương"),
    ("quansat", "Đỗ Quang Vinh", "08", Role.OBSERVER, "Chuyên viên Ban Dân vận Tỉnh ủy"),
]


def load(ctx):
    units = ctx["units"]
    created = 0
    users = {}
    memberships = []
    password = DemoPassword()
    for username, full_name, code, role, position in DEMO_ACCOUNTS:
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
    ctx["users"] = users
    return f"{created} tài khoản mới, {len(DEMO_ACCOUNTS) - created} đã có."
