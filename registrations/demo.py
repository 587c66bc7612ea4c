"""Demo registrations: the province's 2020 model from the plan (section III.1) with its 10 communes,
and contents, models and cadres' tasks of several districts and communes, in every state of the
workflow, walked through the services with 2020 dates (so history and notifications are real).

The plan does not name the 10 communes that reached the New Rural standard in 2020; the demo
names ten communes of the province as an example. Running the loader twice changes nothing:
a registration is found again by (campaign, unit, person, title).
"""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.demo import DemoPassword
from accounts.models import Membership, User
from accounts.services import cadres_changed
from core.roles import Role
from registrations import services
from registrations.models import Field, Registration
from registrations.services.fields import fields_ensure_defaults

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
Kind = Registration.Kind
Status = Registration.Status

PROVINCE_MODEL_TITLE = (
    "Phối hợp, chỉ đạo tuyên truyền vận động nhân dân tham gia thực hiện, giám sát thực hiện Chương trình mục tiêu "
    "Quốc gia xây dựng nông thôn mới tại 10 xã về đích nông thôn mới năm 2020 của tỉnh"
)
# Ten communes, from several districts (an example: the plan does not list them).
NTM_COMMUNES_2020 = ["02209", "02290", "02245", "02302", "02335", "02398", "02488", "02506", "02578", "02590"]

# Extra demo people: cadres who register tasks, and officers for units that approve them (the
# district officers have the same usernames and names as in notifications.demo, whichever runs first).
# username, full name, unit code, role, position
PEOPLE = [
    ("hoa.nguyen", "Nguyễn Thị Hoà", "076", Role.CADRE, "Cán bộ Ủy ban MTTQ huyện Sơn Dương"),
    ("nam.hoang", "Hoàng Văn Nam", "02545", Role.CADRE, "Phó Chủ tịch Ủy ban MTTQ xã Tân Trào"),
    ("duc.ma", "Ma Văn Đức", "072", Role.CADRE, "Cán bộ Ủy ban MTTQ huyện Na Hang"),
    ("khanh.tran", "Trần Quốc Khánh", "08-BTG", Role.CADRE, "Chuyên viên Ban Tuyên giáo, Ủy ban MTTQ tỉnh"),
    ("thu.quan", "Quan Thị Thu", "073", Role.CADRE, "Cán bộ Ủy ban MTTQ huyện Chiêm Hóa"),
    ("hien.ly", "Lý Thị Hiền", "075", Role.CADRE, "Cán bộ Ủy ban MTTQ huyện Yên Sơn"),
    ("chiemhoa", "Hà Thị Nguyệt", "073", Role.OFFICER, "Phó Chủ tịch Ủy ban MTTQ huyện Chiêm Hóa"),
    ("yenson", "Lê Thị Hồng", "075", Role.OFFICER, "Phó Chủ tịch Ủy ban MTTQ huyện Yên Sơn"),
    ("hophoa", "Đinh Văn Quý", "02578", Role.OFFICER, "Chủ tịch Ủy ban MTTQ xã Hợp Hòa"),
    # Cadres who have not registered a task yet (the statistics show the share of those who have).
    ("lan.pham", "Phạm Thị Lan", "076", Role.CADRE, "Cán bộ Ủy ban MTTQ huyện Sơn Dương"),
    ("tuan.le", "Lê Anh Tuấn", "072", Role.CADRE, "Cán bộ Ủy ban MTTQ huyện Na Hang"),
    ("binh.nguyen", "Nguyễn Văn Bình", "02545", Role.CADRE, "Cán bộ Ủy ban MTTQ xã Tân Trào"),
]


def at(day: str, hour: int = 9) -> dt.datetime:
    d = dt.date.fromisoformat(day)
    return dt.datetime(d.year, d.month, d.day, hour, 0, tzinfo=TZ)


def _evidence_png(label: str) -> SimpleUploadedFile:
    """A small picture standing in for a photo of the activity."""
    from io import BytesIO

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 420), (240, 236, 226))
    draw = ImageDraw.Draw(image)
    draw.rectangle([20, 20, 620, 400], outline=(155, 28, 28), width=6)
    draw.text((40, 40), label.encode("ascii", "ignore").decode() or "Anh minh chung", fill=(60, 60, 60))
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile("anh-minh-chung.png", buffer.getvalue(), content_type="image/png")


# Each entry: (unit code, kind, cadre username or None, title, field, movements (positions), targets,
#              steps) where steps walk the workflow with dates.
ENTRIES = [
    {
        "unit": "08",
        "kind": Kind.MODEL,
        "title": PROVINCE_MODEL_TITLE,
        "field": "Kinh tế",
        "movements": [1, 4],
        "areas": NTM_COMMUNES_2020,
        "responsible": "Hoàng Thị Thanh Hương, Phó Chủ tịch Ủy ban MTTQ tỉnh",
        "description": "Ủy ban MTTQ tỉnh chủ trì, phối hợp với các tổ chức chính trị - xã hội chỉ đạo Ủy ban MTTQ các huyện "
        "và 10 xã tuyên truyền, vận động nhân dân tham gia xây dựng nông thôn mới; tổ chức giám sát việc thực hiện "
        "các tiêu chí và việc huy động, sử dụng đóng góp của nhân dân.",
        "expected": "10 xã đạt chuẩn nông thôn mới năm 2020; mỗi xã có ít nhất 01 cuộc giám sát của Mặt trận; nhân dân đồng "
        "thuận, tự nguyện đóng góp.",
        "targets": [
            ("Số xã về đích nông thôn mới", "xã", "10"),
            ("Số cuộc giám sát của Mặt trận", "cuộc", "20"),
            ("Số hội nghị tuyên truyền ở khu dân cư", "hội nghị", "30"),
        ],
        "start": "2020-02-15",
        "end": "2020-12-15",
        "steps": [
            ("submit", "2020-02-20"),
            ("approve", "2020-02-21"),
            ("start", "2020-03-02"),
            (
                "progress",
                "2020-06-05",
                45,
                "Đã tổ chức 14 hội nghị tuyên truyền, 8 cuộc giám sát; 4 xã cơ bản đạt 19/19 tiêu chí.",
                ["4", "8", "14"],
            ),
            (
                "progress",
                "2020-09-25",
                75,
                "Đã có 7 xã được thẩm định đạt chuẩn; hoàn thành 15 cuộc giám sát.",
                ["7", "15", "24"],
            ),
        ],
    },
    {
        "unit": "076",
        "kind": Kind.CONTENT,
        "title": "Vận động nhân dân hiến đất, góp công làm đường giao thông nông thôn",
        "field": "Kinh tế",
        "movements": [1, 4],
        "responsible": "Trần Minh Tuấn",
        "expected": "Làm mới 15 km đường bê tông thôn, xóm; không có khiếu kiện về giải phóng mặt bằng.",
        "targets": [("Đường bê tông làm mới", "km", "15"), ("Số hộ hiến đất", "hộ", "120")],
        "start": "2020-03-01",
        "end": "2020-11-30",
        "steps": [
            ("submit", "2020-03-03"),
            ("approve", "2020-03-05"),
            ("start", "2020-03-10"),
            ("progress", "2020-06-08", 40, "Đã làm 6,5 km đường; 58 hộ hiến đất.", ["6.5", "58"]),
        ],
    },
    {
        "unit": "076",
        "kind": Kind.MODEL,
        "title": "Mô hình “Khu dân cư tự quản về an ninh trật tự” tại thôn Tân Lập",
        "field": "Quốc phòng - an ninh",
        "movements": [5],
        "areas": ["02545"],
        "area_note": "thôn Tân Lập",
        "responsible": "Lê Văn Hòa",
        "expected": "Không có tội phạm, tệ nạn xã hội trên địa bàn thôn trong năm 2020.",
        "targets": [("Số vụ vi phạm pháp luật", "vụ", "0")],
        "start": "2020-02-15",
        "end": "2020-11-15",
        "steps": [
            ("submit", "2020-02-18"),
            ("approve", "2020-02-20"),
            ("start", "2020-02-21"),
            ("progress", "2020-10-30", 100, "Cả năm không có vụ vi phạm pháp luật; 100% hộ ký cam kết.", ["0"]),
            ("complete", "2020-11-16"),
            ("evaluate", "2020-12-05", "excellent", "Mô hình hiệu quả, cần nhân rộng ra các thôn trong huyện."),
        ],
    },
    {
        "unit": "02545",
        "kind": Kind.CONTENT,
        "title": "Tuyên truyền, vận động nhân dân giữ gìn cảnh quan Khu di tích lịch sử quốc gia đặc biệt Tân Trào",
        "field": "Văn hóa - xã hội",
        "movements": [1],
        "responsible": "Lê Văn Hòa",
        "expected": "100% hộ ven khu di tích ký cam kết; tổ chức 12 buổi vệ sinh chung.",
        "targets": [("Buổi vệ sinh chung", "buổi", "12")],
        "start": "2020-04-01",
        "end": "2020-12-31",
        "steps": [("submit", "2020-04-06")],
    },
    {
        "unit": "02578",
        "kind": Kind.MODEL,
        "title": "Mô hình “Dòng họ không có người vi phạm pháp luật” xã Hợp Hoà",
        "field": "Quốc phòng - an ninh",
        "movements": [5],
        "areas": ["02578"],
        "responsible": "Đinh Văn Quý",
        "expected": "5 dòng họ đăng ký, không có người vi phạm pháp luật.",
        "targets": [("Dòng họ tham gia", "dòng họ", "5")],
        "start": "2020-03-15",
        "end": "2020-12-15",
        "steps": [("submit", "2020-03-16"), ("approve", "2020-03-20")],
    },
    {
        "unit": "072",
        "kind": Kind.CONTENT,
        "title": "Vận động đồng bào dân tộc Dao bỏ hủ tục lạc hậu trong việc cưới, việc tang",
        "field": "Văn hóa - xã hội",
        "movements": [1],
        "responsible": "Ma Thị Lan",
        "expected": "90% đám cưới, đám tang thực hiện nếp sống văn minh.",
        "targets": [("Tỷ lệ đám cưới, đám tang theo nếp sống mới", "%", "90")],
        "start": "2020-02-20",
        "end": "2020-11-30",
        "steps": [
            ("submit", "2020-02-24"),
            ("approve", "2020-02-26"),
            ("start", "2020-03-01"),
            ("progress", "2020-11-20", 100, "Đạt 92% đám cưới, đám tang theo nếp sống văn minh.", ["92"]),
            ("complete", "2020-11-25"),
        ],
    },
    {
        "unit": "073",
        "kind": Kind.MODEL,
        "title": "Mô hình “Tổ hòa giải ở cơ sở giỏi” tại xã Hòa Phú",
        "field": "Xây dựng hệ thống chính trị",
        "movements": [5],
        "areas": ["02335"],
        "area_note": "thôn Nà Khà, thôn Pắc Khoang",
        "responsible": "Hà Thị Nguyệt",
        "expected": "Hòa giải thành trên 85% vụ việc.",
        "targets": [("Tỷ lệ hòa giải thành", "%", "85")],
        "start": "2020-03-01",
        "end": "2020-11-30",
        "steps": [
            ("submit", "2020-03-04"),
            ("approve", "2020-03-06"),
            ("start", "2020-03-07"),
            ("progress", "2020-11-10", 100, "Hòa giải thành 23/26 vụ (88%).", ["88"]),
            ("complete", "2020-11-12"),
            ("evaluate", "2020-12-02", "good", "Hoàn thành tốt chỉ tiêu."),
        ],
    },
    {
        "unit": "075",
        "kind": Kind.CONTENT,
        "title": "Vận động nhân dân chuyển đổi cơ cấu cây trồng, phát triển vùng chè Mỹ Bằng",
        "field": "Kinh tế",
        "movements": [4],
        "responsible": "Lê Thị Hồng",
        "expected": "Trồng mới 30 ha chè.",
        "targets": [("Diện tích chè trồng mới", "ha", "30")],
        "start": "2020-03-01",
        "end": "2020-12-31",
        "steps": [
            ("submit", "2020-03-05"),
            ("return", "2020-03-09", "Đề nghị bổ sung số hộ tham gia và cách Mặt trận vận động, giám sát."),
        ],
    },
    {
        "unit": "08-BTG",
        "kind": Kind.CONTENT,
        "title": "Tuyên truyền gương điển hình “Dân vận khéo” trên Trang thông tin điện tử Ủy ban MTTQ tỉnh",
        "field": "Xây dựng hệ thống chính trị",
        "movements": [],
        "responsible": "Nguyễn Văn Đức",
        "expected": "Đăng 60 tin, bài về gương điển hình.",
        "targets": [("Tin, bài", "tin, bài", "60")],
        "start": "2020-02-15",
        "end": "2020-12-20",
        "steps": [
            ("submit", "2020-02-17"),
            ("approve", "2020-02-18"),
            ("start", "2020-02-19"),
            ("progress", "2020-06-05", 50, "Đã đăng 31 tin, bài.", ["31"]),
        ],
    },
    {
        "unit": "075",
        "kind": Kind.MODEL,
        "title": "Mô hình “Chi hội phụ nữ tiết kiệm giúp nhau phát triển kinh tế”",
        "field": "Kinh tế",
        "movements": [3],
        "areas": ["02488"],
        "responsible": "Lê Thị Hồng",
        "expected": "Giúp 15 hộ thoát nghèo.",
        "targets": [("Hộ thoát nghèo", "hộ", "15")],
        "start": "2020-05-01",
        "end": "2020-12-31",
        "steps": [],
    },
    # Cadres' tasks
    {
        "unit": "076",
        "kind": Kind.TASK,
        "person": "canbo",
        "title": "Hướng dẫn 5 hộ gia đình thôn Đồng Bèn phát triển mô hình nuôi ong lấy mật",
        "field": "Kinh tế",
        "movements": [3],
        "expected": "5 hộ có thu nhập thêm từ nuôi ong.",
        "targets": [("Hộ nuôi ong", "hộ", "5")],
        "start": "2020-03-15",
        "end": "2020-10-31",
        "steps": [("submit", "2020-03-16"), ("approve", "2020-03-17")],
    },
    {
        "unit": "076",
        "kind": Kind.TASK,
        "person": "canbo",
        "title": "Vận động 10 hộ đăng ký xây dựng gia đình văn hóa",
        "field": "Văn hóa - xã hội",
        "movements": [1],
        "expected": "",
        "targets": [],
        "start": "2020-04-01",
        "end": "2020-12-15",
        "steps": [],
    },
    {
        "unit": "076",
        "kind": Kind.TASK,
        "person": "hoa.nguyen",
        "title": "Vận động chị em phụ nữ thôn Cầu Trầu tham gia vệ sinh môi trường hằng tuần",
        "field": "Văn hóa - xã hội",
        "movements": [1],
        "expected": "Thôn sạch, 100% hộ phân loại rác.",
        "targets": [("Buổi vệ sinh", "buổi", "40")],
        "start": "2020-03-01",
        "end": "2020-12-31",
        "steps": [("submit", "2020-03-02")],
    },
    {
        "unit": "02545",
        "kind": Kind.TASK,
        "person": "nam.hoang",
        "title": "Vận động các hộ thôn Tân Lập hiến 500 m² đất làm nhà văn hóa",
        "field": "Văn hóa - xã hội",
        "movements": [1, 4],
        "expected": "Có đất xây nhà văn hóa thôn.",
        "targets": [("Diện tích đất hiến", "m²", "500")],
        "start": "2020-02-20",
        "end": "2020-08-31",
        "steps": [
            ("submit", "2020-02-21"),
            ("approve", "2020-02-24"),
            ("start", "2020-02-25"),
            ("progress", "2020-07-30", 100, "4 hộ hiến 620 m² đất; đã khởi công nhà văn hóa.", ["620"]),
            ("complete", "2020-08-05"),
            ("evaluate", "2020-08-20", "excellent", "Vượt chỉ tiêu, cách làm khéo."),
        ],
    },
    {
        "unit": "072",
        "kind": Kind.TASK,
        "person": "duc.ma",
        "title": "Tuyên truyền, vận động đồng bào dân tộc Tày thôn Nà Khá thực hiện nếp sống văn minh",
        "field": "Văn hóa - xã hội",
        "movements": [1],
        "expected": "Thôn đạt danh hiệu khu dân cư văn hóa.",
        "targets": [],
        "start": "2020-03-01",
        "end": "2020-11-30",
        "steps": [
            ("submit", "2020-03-02"),
            ("approve", "2020-03-03"),
            ("start", "2020-03-04"),
            ("progress", "2020-06-01", 50, "Đã tổ chức 3 buổi sinh hoạt tại nhà văn hóa thôn.", []),
        ],
    },
    {
        "unit": "08-BTG",
        "kind": Kind.TASK,
        "person": "khanh.tran",
        "title": "Viết 6 tin, bài về gương điển hình “Dân vận khéo” ở cơ sở",
        "field": "Xây dựng hệ thống chính trị",
        "movements": [],
        "expected": "6 tin, bài được đăng.",
        "targets": [("Tin, bài", "tin, bài", "6")],
        "start": "2020-02-15",
        "end": "2020-11-30",
        "steps": [
            ("submit", "2020-02-17"),
            ("approve", "2020-02-18"),
            ("start", "2020-02-18"),
            ("progress", "2020-11-20", 100, "Đã đăng 7 tin, bài.", ["7"]),
            ("complete", "2020-11-21"),
        ],
    },
    {
        "unit": "073",
        "kind": Kind.TASK,
        "person": "thu.quan",
        "title": "Hòa giải các mâu thuẫn, tranh chấp nhỏ ở thôn Nà Mỵ",
        "field": "Quốc phòng - an ninh",
        "movements": [5],
        "expected": "Không để mâu thuẫn kéo dài.",
        "targets": [],
        "start": "2020-03-01",
        "end": "2020-11-30",
        "steps": [
            ("submit", "2020-03-02"),
            ("approve", "2020-03-05"),
            ("start", "2020-03-06"),
            ("progress", "2020-11-01", 70, "Hòa giải thành 5/8 vụ việc.", []),
            ("complete", "2020-11-10"),
            ("evaluate", "2020-12-01", "done", "Hoàn thành, cần chủ động hơn."),
        ],
    },
    {
        "unit": "075",
        "kind": Kind.TASK,
        "person": "hien.ly",
        "title": "Vận động 20 hộ nghèo vay vốn phát triển chăn nuôi",
        "field": "Kinh tế",
        "movements": [3],
        "expected": "20 hộ được vay vốn.",
        "targets": [("Hộ vay vốn", "hộ", "20")],
        "start": "2020-03-01",
        "end": "2020-12-31",
        "steps": [("submit", "2020-03-03"), ("return", "2020-03-06", "Cần ghi rõ thôn, xã thực hiện và nguồn vốn.")],
    },
]


def _people(ctx) -> dict[str, User]:
    users = dict(ctx.get("users", {}))
    units = ctx["units"]
    memberships = []
    password = DemoPassword()
    for username, full_name, code, role, position in PEOPLE:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, full_name=full_name, email=f"{username}@mttq-tuyenquang.local")
            password.set_on(user)
            user.save()
        memberships.append(
            Membership.objects.get_or_create(user=user, unit=units[code], role=role, defaults={"position": position})[0]
        )
        users[username] = user
    cadres_changed(*memberships)
    return users


def _owner(entry, units, users):
    if entry["kind"] == Kind.TASK:
        return users[entry["person"]]
    return Membership.objects.officers_of(units[entry["unit"]].committee).order_by("id").first().user


def load(ctx):
    units = ctx["units"]
    campaign = ctx["campaign"]
    users = _people(ctx)
    movements = dict(enumerate(ctx["movements"], start=1))
    fields_ensure_defaults(ctx["campaign"])
    fields = {f.name: f for f in Field.objects.filter(campaign=campaign)}
    created = 0
    for entry in ENTRIES:
        unit = units[entry["unit"]]
        person = users.get(entry.get("person")) if entry["kind"] == Kind.TASK else None
        if Registration.objects.filter(campaign=campaign, unit=unit, person=person, title=entry["title"]).exists():
            continue
        owner = _owner(entry, units, users)
        data = services.RegistrationInput(
            kind=entry["kind"], unit=unit, campaign=campaign, title=entry["title"], person=person,
            description=entry.get("description", ""), field=fields[entry["field"]],
            movements=[movements[i] for i in entry["movements"]], areas=[units[c] for c in entry.get("areas", [])],
            area_note=entry.get("area_note", ""), starts_on=dt.date.fromisoformat(entry["start"]),
            ends_on=dt.date.fromisoformat(entry["end"]), responsible=entry.get("responsible") or (person.full_name if person else ""),
            expected_result=entry["expected"],
            targets=[services.TargetInput(n, Decimal(v), u) for n, u, v in entry["targets"]],
        )  # fmt: skip
        registration = services.registration_create(data=data, by=owner)
        # Drafted a few days before it was sent (the demo tells 2020, not the day it was loaded).
        first_day = entry["steps"][0][1] if entry["steps"] else entry["start"]
        Registration.objects.filter(pk=registration.pk).update(created_at=at(first_day, 8) - dt.timedelta(days=2))
        created += 1
        _walk(registration, entry["steps"], owner=owner, users=users)
    return f"{created} đăng ký mới (tổng {Registration.objects.filter(campaign=campaign).count()}), {len(PEOPLE)} tài khoản cán bộ, phụ trách bổ sung."


def _approver(registration):
    """The first officer of the unit that approves it (the demo's accounts are made in a fixed order)."""
    return Membership.objects.officers_of(registration.approver_unit).select_related("user").order_by("id").first().user


def _walk(registration, steps, *, owner, users):
    approver = _approver(registration) if steps else None
    targets = list(registration.targets.all())
    for step in steps:
        action, day = step[0], step[1]
        if action == "submit":
            services.registration_submit(registration=registration, by=owner, at=at(day))
        elif action == "approve":
            services.registration_approve(registration=registration, by=approver, at=at(day, 14))
        elif action == "return":
            services.registration_return(registration=registration, by=approver, reason=step[2], at=at(day, 14))
        elif action == "start":
            services.registration_start(registration=registration, by=owner, at=at(day, 8))
        elif action == "progress":
            _, _, percent, text, values = step
            update = services.progress_add(
                registration=registration, by=owner, reported_on=dt.date.fromisoformat(day), text=text, percent=percent,
                values={t.pk: Decimal(v) for t, v in zip(targets, values, strict=False)},
                files=[_evidence_png(registration.title[:40])] if percent >= 70 else [],
            )  # fmt: skip
            del update
        elif action == "complete":
            services.registration_complete(registration=registration, by=owner, at=at(day, 16))
        elif action == "evaluate":
            services.registration_evaluate(
                registration=registration, by=approver, rating=step[2], comment=step[3], at=at(day, 10)
            )
