"""This year's registrations (campaigns.demo_today): contents and models of communes and wards of the
map in force, and the tasks of a cadre of Phường Hà Giang 1, in every state of the workflow (draft,
submitted, approved, returned, in progress, completed, evaluated), walked through the services at
moments of the demo's clock (fractions of the year so far: never after today, never before 1
January). Running it twice changes nothing: a registration is found by (campaign, unit, person, title)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from campaigns.demo_today import notices_at
from registrations import services
from registrations.demo import _evidence_png
from registrations.models import Field, ProgressUpdate, Registration

Kind = Registration.Kind

# Each entry: unit code (2025 map), kind, cadre username (tasks), title, field, movements (positions in
# the campaign's list), targets (name, unit, value), ends (month, day), steps (action, clock fraction, …).
ENTRIES = [
    {
        "unit": "00694", "kind": Kind.MODEL, "field": "Quốc phòng - an ninh", "movements": [5], "areas": ["00694"],
        "title": "Mô hình “Tổ dân phố tự quản về an ninh trật tự và vệ sinh môi trường” tại tổ 7",
        "area_note": "tổ 7", "responsible": "Nguyễn Thị Thu Hằng",
        "expected": "Tổ 7 không có vụ việc phức tạp về an ninh trật tự; 100% hộ phân loại rác tại nguồn.",
        "targets": [("Hộ ký cam kết", "hộ", "180"), ("Buổi tổng vệ sinh", "buổi", "24")], "ends": (12, 15),
        "steps": [("submit", 0.10), ("approve", 0.12), ("start", 0.13),
                  ("progress", 0.45, 40, "Đã có 112 hộ ký cam kết; tổ chức 9 buổi tổng vệ sinh.", ["112", "9"]),
                  ("progress", 0.85, 75, "Đã có 168 hộ ký cam kết; tổ chức 19 buổi tổng vệ sinh; không có vụ việc phức tạp.", ["168", "19"])],
    },
    {
        "unit": "00694", "kind": Kind.CONTENT, "field": "Văn hóa - xã hội", "movements": [1],
        "title": "Vận động hộ kinh doanh trên đường Nguyễn Trãi giữ gìn trật tự, mỹ quan đô thị",
        "responsible": "Nguyễn Thị Thu Hằng", "expected": "100% hộ kinh doanh ký cam kết không lấn chiếm vỉa hè.",
        "targets": [("Hộ kinh doanh ký cam kết", "hộ", "60")], "ends": (9, 30),
        "steps": [("submit", 0.08), ("approve", 0.10), ("start", 0.11),
                  ("progress", 0.55, 100, "62 hộ kinh doanh đã ký cam kết; vỉa hè thông thoáng.", ["62"]),
                  ("complete", 0.60), ("evaluate", 0.70, "excellent", "Cách làm khéo, nên nhân rộng ra các phường.")],
    },
    {
        "unit": "00691", "kind": Kind.CONTENT, "field": "Văn hóa - xã hội", "movements": [1],
        "title": "Vận động nhân dân thu gom, phân loại rác thải sinh hoạt tại nguồn",
        "responsible": "Lò Văn Sáng", "expected": "80% hộ phân loại rác tại nguồn.",
        "targets": [("Tỷ lệ hộ phân loại rác", "%", "80")], "ends": (12, 15),
        "steps": [("submit", 0.93)],
    },
    {
        "unit": "02215", "kind": Kind.MODEL, "field": "Quốc phòng - an ninh", "movements": [5], "areas": ["02215"],
        "title": "Mô hình “Camera an ninh kết nối khu dân cư”",
        "responsible": "Đặng Thị Ngọc Lan", "expected": "Lắp 20 camera ở các ngõ, do nhân dân đóng góp.",
        "targets": [("Camera được lắp", "chiếc", "20")], "ends": (12, 15),
        "steps": [("submit", 0.70), ("approve", 0.74)],
    },
    {
        "unit": "02212", "kind": Kind.CONTENT, "field": "Kinh tế", "movements": [3],
        "title": "Vận động hỗ trợ hộ cận nghèo phát triển kinh tế",
        "responsible": "Hà Văn Dũng", "expected": "Hỗ trợ các hộ cận nghèo.",
        "targets": [], "ends": (12, 15),
        "steps": [("submit", 0.84), ("return", 0.88, "Đề nghị ghi rõ số hộ được hỗ trợ, hình thức hỗ trợ và chỉ tiêu đo đếm được.")],
    },
    {
        "unit": "02536", "kind": Kind.MODEL, "field": "Kinh tế", "movements": [1, 4], "areas": ["02536"],
        "title": "Mô hình “Chi hội nông dân liên kết trồng chè an toàn” thôn Cầu Trầu",
        "responsible": "Đỗ Văn Thành", "expected": "25 hộ trồng chè theo quy trình an toàn, có đầu ra ổn định.",
        "targets": [("Hộ tham gia", "hộ", "25"), ("Diện tích chè an toàn", "ha", "12")], "ends": (11, 30),
        "steps": [("submit", 0.09), ("approve", 0.12), ("start", 0.14),
                  ("progress", 0.50, 60, "18 hộ tham gia, 8 ha chè được chứng nhận.", ["18", "8"]),
                  ("progress", 0.90, 100, "26 hộ tham gia, 12,5 ha chè an toàn; ký hợp đồng bao tiêu với hợp tác xã.", ["26", "12.5"]),
                  ("complete", 0.94)],
    },
    {
        "unit": "00721", "kind": Kind.CONTENT, "field": "Văn hóa - xã hội", "movements": [1],
        "title": "Vận động đồng bào Mông thực hiện nếp sống văn minh trong việc cưới, việc tang",
        "responsible": "Sùng Mí Chứ", "expected": "90% đám cưới, đám tang thực hiện nếp sống văn minh.",
        "targets": [("Tỷ lệ đám cưới, đám tang theo nếp sống mới", "%", "90")], "ends": (12, 15),
        "steps": [],
    },
    {
        "unit": "00769", "kind": Kind.MODEL, "field": "Kinh tế", "movements": [3], "areas": ["00769"],
        "title": "Mô hình “Du lịch cộng đồng gắn với giữ gìn bản sắc văn hóa” tại thôn Pả Vi Hạ",
        "area_note": "thôn Pả Vi Hạ", "responsible": "Giàng Thị Sua", "expected": "15 hộ làm homestay; thu nhập tăng 20%.",
        "targets": [("Hộ làm du lịch cộng đồng", "hộ", "15")], "ends": (12, 15),
        "steps": [("submit", 0.15), ("approve", 0.18), ("start", 0.19), ("progress", 0.62, 50, "8 hộ đã đón khách; mở lớp tập huấn cho 20 hộ.", ["8"])],
    },
    {
        "unit": "02509", "kind": Kind.CONTENT, "field": "Xây dựng hệ thống chính trị", "movements": [],
        "title": "Tổ chức đối thoại giữa người đứng đầu cấp ủy, chính quyền phường với nhân dân",
        "responsible": "Trần Thị Thanh Tâm", "expected": "Mỗi quý 01 buổi đối thoại; 100% kiến nghị được trả lời.",
        "targets": [("Buổi đối thoại", "buổi", "4")], "ends": (11, 30),
        "steps": [("submit", 0.07), ("approve", 0.09), ("start", 0.10),
                  ("progress", 0.78, 100, "Đã tổ chức 4 buổi đối thoại; 37/37 kiến nghị được trả lời.", ["4"]),
                  ("complete", 0.80), ("evaluate", 0.86, "good", "Hoàn thành tốt.")],
    },
    # The tasks of a cadre of Phường Hà Giang 1 (approved and evaluated by the ward's officer).
    {
        "unit": "00694", "kind": Kind.TASK, "person": "canbohg", "field": "Xây dựng hệ thống chính trị", "movements": [],
        "title": "Hướng dẫn 30 hộ tổ 5 cài đặt, sử dụng ứng dụng định danh điện tử và dịch vụ công trực tuyến",
        "expected": "30 hộ dùng được dịch vụ công trực tuyến.", "targets": [("Hộ được hướng dẫn", "hộ", "30")], "ends": (12, 15),
        "steps": [("submit", 0.16), ("approve", 0.18), ("start", 0.20),
                  ("progress", 0.72, 50, "Đã hướng dẫn 16 hộ; 11 hộ đã nộp hồ sơ trực tuyến.", ["16"])],
    },
    {
        "unit": "00694", "kind": Kind.TASK, "person": "canbohg", "field": "Văn hóa - xã hội", "movements": [1],
        "title": "Vận động 10 hộ tổ 5 tham gia Ngày Chủ nhật xanh hằng tháng",
        "expected": "10 hộ tham gia đều đặn.", "targets": [("Hộ tham gia", "hộ", "10")], "ends": (8, 31),
        "steps": [("submit", 0.11), ("approve", 0.12), ("start", 0.13),
                  ("progress", 0.58, 100, "12 hộ tham gia đều đặn 7 tháng liền.", ["12"]),
                  ("complete", 0.62), ("evaluate", 0.66, "excellent", "Vượt chỉ tiêu; lan tỏa sang tổ 6.")],
    },
    {
        "unit": "00694", "kind": Kind.TASK, "person": "canbohg", "field": "Văn hóa - xã hội", "movements": [],
        "title": "Vận động thanh niên tổ 5 tham gia hiến máu tình nguyện",
        "expected": "15 lượt người hiến máu.", "targets": [("Lượt hiến máu", "lượt", "15")], "ends": (12, 15),
        "steps": [("submit", 0.95)],
    },
    {
        "unit": "00694", "kind": Kind.TASK, "person": "canbohg", "field": "Kinh tế", "movements": [3],
        "title": "Giúp 2 hộ cận nghèo tổ 5 vay vốn mở cửa hàng tạp hóa",
        "expected": "", "targets": [], "ends": (12, 15),
        "steps": [],
    },
]  # fmt: skip


def _owner(entry, unit, users):
    from accounts.models import Membership

    if entry["kind"] == Kind.TASK:
        return users[entry["person"]]
    return Membership.objects.officers_of(unit.committee).order_by("id").first().user


def _approver(registration):
    from accounts.models import Membership

    return Membership.objects.officers_of(registration.approver_unit).select_related("user").order_by("id").first().user


def load(ctx):
    campaign = ctx.get("campaign_today")
    if campaign is None:
        return None
    clock, units, users = ctx["clock"], ctx["units_today"], ctx["users"]
    movements = dict(enumerate(campaign.movements.order_by("position"), start=1))
    fields = {f.name: f for f in Field.objects.filter(campaign=campaign)}
    created = 0
    for entry in ENTRIES:
        unit = units[entry["unit"]]
        person = users[entry["person"]] if entry["kind"] == Kind.TASK else None
        if Registration.objects.filter(campaign=campaign, unit=unit, person=person, title=entry["title"]).exists():
            continue
        owner = _owner(entry, unit, users)
        first = entry["steps"][0][1] if entry["steps"] else 0.9
        drafted = clock.at(max(first - 0.02, 0.0), 8)
        ends_on = dt.date(clock.year, *entry["ends"])
        data = services.RegistrationInput(
            kind=entry["kind"], unit=unit, campaign=campaign, title=entry["title"], person=person,
            field=fields[entry["field"]], movements=[movements[i] for i in entry["movements"]],
            areas=[units[c] for c in entry.get("areas", [])], area_note=entry.get("area_note", ""),
            starts_on=min(drafted.date() + dt.timedelta(days=7), ends_on), ends_on=ends_on,
            responsible=entry.get("responsible") or (person.full_name if person else ""), expected_result=entry["expected"],
            targets=[services.TargetInput(n, Decimal(v), u) for n, u, v in entry["targets"]],
        )  # fmt: skip
        with notices_at(drafted):
            registration = services.registration_create(data=data, by=owner)
        Registration.objects.filter(pk=registration.pk).update(created_at=drafted, updated_at=drafted)
        created += 1
        last = _walk(registration, entry["steps"], clock=clock, owner=owner)
        Registration.objects.filter(pk=registration.pk).update(updated_at=last or drafted)
    total = Registration.objects.filter(campaign=campaign)
    states = len(set(total.values_list("status", flat=True)))
    return f"{created} đăng ký mới năm {campaign.year} (tổng {total.count()}, {states} trạng thái)."


def _walk(registration, steps, *, clock, owner):
    """Take the registration through its steps; returns the moment of the last one."""
    approver = _approver(registration) if steps else None
    targets = list(registration.targets.all())
    last = None
    for step in steps:
        action, fraction = step[0], step[1]
        moment = clock.at(fraction, 14 if action in ("approve", "return", "evaluate") else 9)
        with notices_at(moment):
            if action == "submit":
                services.registration_submit(registration=registration, by=owner, at=moment)
            elif action == "approve":
                services.registration_approve(registration=registration, by=approver, at=moment)
            elif action == "return":
                services.registration_return(registration=registration, by=approver, reason=step[2], at=moment)
            elif action == "start":
                services.registration_start(registration=registration, by=owner, at=moment)
            elif action == "progress":
                _, _, percent, text, values = step
                update = services.progress_add(
                    registration=registration, by=owner, reported_on=moment.date(), text=text, percent=percent,
                    values={t.pk: Decimal(v) for t, v in zip(targets, values, strict=False)},
                    files=[_evidence_png(registration.title[:40])] if percent >= 70 else [],
                )  # fmt: skip
                ProgressUpdate.objects.filter(pk=update.pk).update(created_at=moment)
            elif action == "complete":
                services.registration_complete(registration=registration, by=owner, at=moment)
            elif action == "evaluate":
                services.registration_evaluate(registration=registration, by=approver, rating=step[2], comment=step[3], at=moment)
        last = moment
    return last
