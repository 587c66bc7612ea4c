"""The benchmark's data set: the 2020 unit list and a realistic campaign year on top of it.

    DJANGO_SETTINGS_MODULE=danvan.settings.bench DATABASE_URL=postgres://…/danvan_bench_national \
        python bench/generate.py --scale national      # 63 provinces, 707 districts, 10,614 communes
    … --scale province                                   # Tuyên Quang (08) only, same density

Run it on a freshly migrated, empty database (bench/run.py drops and recreates it first). The
random generator has a fixed seed, so two runs give the same rows. Rows go in with bulk_create in
batches; SearchKeyField values are computed by the field itself (its pre_save runs in
bulk_create), from unit and person objects already in memory, so no query runs per row.

Per commune: one officer and ten cadres; about 28 individual tasks (≈ 300,000 nationally), about
3 collective contents and 1 model (≈ 30,000 and ≈ 10,000), each in a realistic status mix with
targets, workflow steps and progress updates. Every province opens a six-month and an annual
period; every district reports (on time, late, returned, accepted, drafting or missing). Most
units issue a plan based on the one above; province plans assign tasks to every district,
district plans to every commune.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SEED = 2020
BATCH = 5000
PASSWORD = "bench-dvk-2020"
CENTRAL_CODE = "VN"
PROVINCE_CODE = "08"
CADRES_PER_COMMUNE = 10
# Densities per commune, chosen to give the national totals over 10,614 communes.
TASKS_PER_COMMUNE = 300_000 / 10_614
CONTENTS_PER_COMMUNE = 30_000 / 10_614
MODELS_PER_COMMUNE = 10_000 / 10_614

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Ma", "Hà",
          "Nông", "Triệu", "Lương", "Quan", "Hoàng"]  # fmt: skip
MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Thanh", "Quang", "Ngọc", "Hữu", "Thu", "Kim", "Xuân", "Hồng"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương", "Lan", "Linh",
         "Long", "Mai", "Minh", "Nam", "Nga", "Phong", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Thắng", "Thủy",
         "Trang", "Tuấn", "Vân", "Yến", "Khánh", "Lộc", "Nhung", "Oanh"]  # fmt: skip
POSITIONS = ["Chủ tịch Ủy ban MTTQ", "Phó Chủ tịch Ủy ban MTTQ", "Ủy viên Ban Thường trực", "Cán bộ chuyên trách"]
AREAS = ["thôn {n}", "tổ dân phố số {n}", "bản Nà {n}", "thôn Đồng {n}", "khu dân cư số {n}", "xóm {n}"]
TASK_TITLES = [
    "Vận động {n} hộ gia đình hiến đất mở rộng đường giao thông nông thôn tại {area}",
    "Tuyên truyền, vận động {n} hộ thực hiện phân loại rác thải tại nguồn ở {area}",
    "Giúp đỡ {n} hộ nghèo phát triển kinh tế, thoát nghèo bền vững",
    "Dân vận khéo: vận động bà con {area} tham gia xây dựng nông thôn mới",
    "Hướng dẫn {n} hộ ứng dụng khoa học kỹ thuật trong trồng chè, trồng rừng",
    "Vận động đoàn viên, hội viên tham gia mô hình “Dân vận khéo” về bảo vệ môi trường",
    "Hòa giải mâu thuẫn, giữ gìn an ninh trật tự tại {area}",
    "Vận động {n} hộ tham gia bảo hiểm y tế, bảo hiểm xã hội tự nguyện",
    "Thực hiện “Dân vận khéo” trong vận động xóa nhà tạm cho hộ nghèo",
    "Tuyên truyền phòng, chống dịch Covid-19 đến {n} hộ gia đình ở {area}",
]
CONTENT_TITLES = [
    "Nội dung “Dân vận khéo” năm 2020: vận động nhân dân xây dựng {area} văn minh, sạch đẹp",
    "Vận động nhân dân chung tay giúp đỡ hộ nghèo, hộ cận nghèo trên địa bàn",
    "Tuyên truyền, vận động thực hiện nếp sống văn minh trong việc cưới, việc tang",
    "Dân vận khéo trong công tác giải phóng mặt bằng, hiến đất làm đường",
    "Vận động đồng bào các dân tộc phát triển kinh tế hộ gia đình",
]
MODEL_TITLES = [
    "Mô hình “Dân vận khéo” “Đường hoa nông thôn mới” tại {area}",
    "Mô hình “Khu dân cư tự quản về an ninh trật tự” ở {area}",
    "Mô hình “Chi hội phụ nữ không có người vi phạm pháp luật” tại {area}",
    "Mô hình “Dân vận khéo” phát triển kinh tế đồi rừng ở {area}",
    "Mô hình “Thắp sáng đường quê” tại {area}",
    "Mô hình “Tổ hợp tác sản xuất chè an toàn” ở {area}",
]
TARGET_NAMES = [("Số hộ tham gia", "hộ"), ("Số mét đường bê tông", "m"), ("Số buổi tuyên truyền", "buổi"),
                ("Số hộ thoát nghèo", "hộ"), ("Kinh phí vận động", "triệu đồng")]  # fmt: skip
PROGRESS_TEXTS = [
    "Đã tổ chức họp thôn, tuyên truyền đến các hộ gia đình; nhân dân đồng tình hưởng ứng.",
    "Hoàn thành một phần chỉ tiêu; tiếp tục vận động các hộ còn lại trong quý tới.",
    "Phối hợp với chi hội phụ nữ, chi đoàn thanh niên ra quân thực hiện.",
    "Đã huy động được ngày công và kinh phí của nhân dân, đang hoàn thiện hồ sơ.",
]
NARRATIVE = {
    "results": "Ủy ban MTTQ {unit} đã chỉ đạo các xã, thị trấn triển khai phong trào thi đua “Dân vận khéo”; "
    "{n} tập thể, {m} cá nhân đăng ký thực hiện, nhiều mô hình hiệu quả được nhân rộng.",
    "limitations": "Một số đơn vị cơ sở triển khai còn chậm; việc cập nhật tiến độ lên cổng chưa thường xuyên.",
    "lessons": "Phát huy vai trò người có uy tín trong cộng đồng; gắn phong trào với nhiệm vụ chính trị địa phương.",
    "directions": "Tiếp tục vận động nhân dân thực hiện các nội dung đã đăng ký; sơ kết, nhân rộng mô hình tiêu biểu.",
    "proposals": "Đề nghị Ủy ban MTTQ tỉnh quan tâm khen thưởng các tập thể, cá nhân tiêu biểu.",
}
PLAN_SECTIONS = [
    ("purposes", "1.", "Mục đích", "Đẩy mạnh phong trào thi đua “Dân vận khéo” trong hệ thống Mặt trận các cấp."),
    ("contents", "1.", "Nội dung đăng ký", "Mỗi tập thể, cá nhân đăng ký ít nhất một nội dung, việc làm “Dân vận khéo”."),
    ("implementation", "1.", "Ủy ban MTTQ cấp dưới", "Xây dựng kế hoạch, tổ chức đăng ký và báo cáo kết quả đúng hạn."),
]
PLAN_TASKS = [
    ("plan", "Xây dựng kế hoạch triển khai phong trào thi đua “Dân vận khéo” năm 2020", dt.date(2020, 3, 15)),
    ("action", "Tổ chức cho cán bộ, đảng viên đăng ký việc làm “Dân vận khéo” trên cổng", dt.date(2020, 6, 10)),
    ("action", "Sơ kết, lựa chọn mô hình tiêu biểu đề nghị khen thưởng", dt.date(2020, 10, 31)),
]


def aware(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def rand_day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


class Timer:
    def __init__(self):
        self.started = time.perf_counter()
        self.last = self.started

    def step(self, label: str, rows: int | None = None) -> None:
        now = time.perf_counter()
        extra = f" ({rows:,} dòng)".replace(",", ".") if rows is not None else ""
        print(f"  {label}: {now - self.last:.1f} s{extra}", flush=True)
        self.last = now

    def total(self) -> float:
        return time.perf_counter() - self.started


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings.bench")
    import django

    django.setup()


def bulk(model, objs, batch=BATCH):
    """bulk_create in batches; returns the objects (with their primary keys on PostgreSQL)."""
    out = []
    for i in range(0, len(objs), batch):
        out.extend(model.objects.bulk_create(objs[i : i + batch]))
    return out


def _no_auto_dates(*models) -> None:
    """Keep the generated dates: the generator sets created/updated times itself (a year of work)."""
    for model in models:
        for f in model._meta.concrete_fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                f.auto_now = False
                f.auto_now_add = False


class Generator:
    def __init__(self, scale: str):
        self.scale = scale
        self.rng = random.Random(SEED)
        self.timer = Timer()
        self.counts: dict[str, int] = {}

    # --- units, campaign ------------------------------------------------------------------
    def units(self):
        from django.core.management import call_command

        from units.demo import DATA_DIR
        from units.models import Unit

        if self.scale == "national":
            Unit.objects.create(
                code=CENTRAL_CODE, name="Ủy ban Trung ương MTTQ Việt Nam", level=Unit.Level.CENTRAL,
                kind=Unit.Kind.CENTRAL, path=f"/{CENTRAL_CODE}/", depth=0,
            )  # fmt: skip
            call_command("import_units", str(DATA_DIR / "vn_units_2020.csv"), root=CENTRAL_CODE)
        else:
            call_command("import_units", str(DATA_DIR / "tuyen_quang_2020.csv"))
        provinces = list(Unit.objects.filter(level=Unit.Level.PROVINCE))
        Unit.objects.bulk_create(
            [
                Unit(code=f"{p.code}-BTG", name="Ban Tuyên giáo", level=Unit.Level.DEPARTMENT,
                     kind=Unit.Kind.DEPARTMENT, parent=p, path=f"{p.path}{p.code}-BTG/", depth=p.depth + 1)
                for p in provinces
            ]
        )  # fmt: skip
        all_units = list(Unit.objects.open().order_by("path"))
        self.units_by_id = {u.pk: u for u in all_units}
        self.by_code = {u.code: u for u in all_units}
        self.root = self.by_code[CENTRAL_CODE] if self.scale == "national" else self.by_code[PROVINCE_CODE]
        self.provinces = [u for u in all_units if u.level == Unit.Level.PROVINCE]
        self.districts = [u for u in all_units if u.level == Unit.Level.DISTRICT]
        self.communes = [u for u in all_units if u.level == Unit.Level.COMMUNE]
        self.departments = [u for u in all_units if u.level == Unit.Level.DEPARTMENT]
        self.children: dict[int, list] = {}
        for u in all_units:
            if u.parent_id and u.level != Unit.Level.DEPARTMENT:
                self.children.setdefault(u.parent_id, []).append(u)
        self.timer.step(
            f"đơn vị: {len(self.provinces)} tỉnh, {len(self.districts)} huyện, {len(self.communes)} xã", len(all_units)
        )

    def campaign(self):
        from campaigns.demo import MOVEMENTS
        from campaigns.models import Campaign, Movement
        from registrations.models import Field

        movements = [
            Movement.objects.create(name=name, short_name=short, position=i) for i, (name, short) in enumerate(MOVEMENTS, 1)
        ]
        self.campaign = Campaign.objects.create(
            year=2020, name="Phong trào thi đua “Dân vận khéo” năm 2020", theme="Năm Dân vận khéo",
            description="Chủ đề Năm Dân vận khéo, nâng cao chất lượng, hiệu quả công tác dân vận.",
            status=Campaign.Status.ACTIVE, starts_on=dt.date(2020, 1, 1), ends_on=dt.date(2020, 12, 31),
        )  # fmt: skip
        self.campaign.movements.set(movements)
        self.movements = movements
        self.fields = list(Field.objects.order_by("position"))
        if not self.fields:
            raise SystemExit("Chưa có lĩnh vực (migration registrations 0002 chưa chạy?)")
        self.timer.step("phong trào 2020, cuộc vận động, lĩnh vực")

    # --- people ---------------------------------------------------------------------------
    def _name(self) -> str:
        rng = self.rng
        return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"

    def people(self):
        from django.contrib.auth.hashers import make_password

        from accounts.models import Membership, User
        from core.roles import Role

        password = make_password(PASSWORD)  # one hash for everyone: hashing 100,000 times would take hours
        users, roles = [], []
        # The accounts the benchmark logs in with.
        if self.scale == "national":
            users.append(User(username="bench_tw", full_name="Nguyễn Văn Trung", email="bench_tw@bench.local", password=password))
            roles.append((CENTRAL_CODE, Role.PROVINCE_STAFF, "Chuyên viên Ban Phong trào"))
        users.append(
            User(username="bench_tinh", full_name="Hoàng Thị Thanh Hương", email="bench_tinh@bench.local", password=password)
        )
        roles.append((PROVINCE_CODE, Role.PROVINCE_STAFF, "Phó Chủ tịch Ủy ban MTTQ tỉnh"))
        for p in self.provinces:
            users.append(
                User(username=f"btg{p.code}", full_name=self._name(), email=f"btg{p.code}@bench.local", password=password)
            )
            roles.append((f"{p.code}-BTG", Role.REVIEWER, "Trưởng Ban Tuyên giáo"))
        for u in [*self.provinces, *self.districts, *self.communes]:
            users.append(User(username=f"ub{u.code}", full_name=self._name(), email=f"ub{u.code}@bench.local", password=password))
            roles.append((u.code, Role.OFFICER, self.rng.choice(POSITIONS[:2])))
        for c in self.communes:
            for i in range(CADRES_PER_COMMUNE):
                name = f"cb{c.code}_{i:02d}"
                users.append(User(username=name, full_name=self._name(), email=f"{name}@bench.local", password=password))
                roles.append((c.code, Role.CADRE, self.rng.choice(POSITIONS[2:])))
        now = aware(dt.date(2020, 2, 1))
        for u in users:
            u.date_joined = now
        users = bulk(User, users)
        memberships = [
            Membership(user=u, unit=self.by_code[code], role=role, position=position, created_at=now)
            for u, (code, role, position) in zip(users, roles, strict=True)
        ]
        bulk(Membership, memberships)
        self.officer = {}
        self.cadres: dict[int, list] = {}
        for u, (code, role, _) in zip(users, roles, strict=True):
            unit = self.by_code[code]
            if role == Role.OFFICER:
                self.officer[unit.pk] = u
            elif role == Role.CADRE:
                self.cadres.setdefault(unit.pk, []).append(u)
        self.staff = users[0]
        # The accounts that log in also open the Django admin's change list (the comparison).
        User.objects.filter(username__in=["bench_tw", "bench_tinh"]).update(is_staff=True, is_superuser=True)
        self.counts["users"] = len(users)
        self.timer.step("người dùng và vai trò", len(users) * 2)

    # --- registrations --------------------------------------------------------------------
    def _status_dates(self, status: str):
        """Submitted/approved/completed/evaluated times consistent with a status."""
        rng = self.rng
        created = aware(rand_day(rng, dt.date(2020, 2, 10), dt.date(2020, 5, 20)), rng.randrange(7, 17), rng.randrange(60))
        out = {"created_at": created, "submitted_at": None, "approved_at": None, "completed_at": None, "evaluated_at": None}
        if status == "draft":
            out["updated_at"] = created + dt.timedelta(hours=rng.randrange(1, 200))
            return out
        out["submitted_at"] = created + dt.timedelta(hours=rng.randrange(1, 72))
        last = out["submitted_at"]
        if status in ("approved", "in_progress", "completed", "evaluated"):
            out["approved_at"] = last = last + dt.timedelta(days=rng.randrange(1, 12), hours=rng.randrange(8))
        if status in ("completed", "evaluated"):
            out["completed_at"] = last = aware(rand_day(rng, dt.date(2020, 8, 1), dt.date(2020, 11, 20)), 10)
        if status == "evaluated":
            out["evaluated_at"] = last = aware(rand_day(rng, dt.date(2020, 11, 25), dt.date(2020, 12, 18)), 15)
        if status == "returned":
            last = last + dt.timedelta(days=rng.randrange(1, 7))
        if status == "in_progress":
            last = last + dt.timedelta(days=rng.randrange(10, 150))
        out["updated_at"] = last
        return out

    STATUS_MIX = [("draft", 5), ("submitted", 9), ("returned", 3), ("approved", 15), ("in_progress", 43),
                  ("completed", 13), ("evaluated", 12)]  # fmt: skip
    RATING_MIX = [("excellent", 20), ("good", 45), ("done", 30), ("not_done", 5)]

    def _pick(self, mix):
        total = sum(w for _, w in mix)
        r = self.rng.randrange(total)
        for value, w in mix:
            if r < w:
                return value
            r -= w
        return mix[-1][0]

    def _count(self, mean: float) -> int:
        """An integer around `mean` (the fractional part decided at random)."""
        base = int(mean)
        return base + (1 if self.rng.random() < mean - base else 0)

    def _registration(self, *, kind, unit, person, title):
        from registrations.models import Registration

        rng = self.rng
        status = self._pick(self.STATUS_MIX)
        dates = self._status_dates(status)
        rating = self._pick(self.RATING_MIX) if status == "evaluated" else ""
        percent = {"draft": 0, "submitted": 0, "returned": 0, "approved": 0, "completed": 100, "evaluated": 100}.get(
            status, rng.randrange(10, 95)
        )
        starts = rand_day(rng, dt.date(2020, 3, 1), dt.date(2020, 6, 30))
        creator = person or self.officer.get(unit.pk)
        return Registration(
            campaign=self.campaign, kind=kind, unit=unit, person=person, title=title,
            description="Tuyên truyền, vận động nhân dân thực hiện; phối hợp với các đoàn thể và người có uy tín.",
            field=rng.choice(self.fields), area_note=rng.choice(AREAS).format(n=rng.randrange(1, 20)),
            starts_on=starts, ends_on=starts + dt.timedelta(days=rng.randrange(60, 240)),
            responsible=person.full_name if person else (creator.full_name if creator else ""),
            expected_result="Nhân dân đồng tình hưởng ứng, hoàn thành chỉ tiêu đề ra.",
            status=status, rating=rating, percent_done=percent,
            evaluation_comment="Thực hiện tốt, có sức lan tỏa." if rating else "",
            created_by=creator, **dates,
        )  # fmt: skip

    def registrations(self):
        from registrations.models import ProgressUpdate, ProgressValue, Registration, Target, Transition

        _no_auto_dates(Registration, ProgressUpdate)
        rng = self.rng
        Through = Registration.movements.through
        Areas = Registration.areas.through
        made = {"task": 0, "content": 0, "model": 0}
        followups = {"targets": 0, "transitions": 0, "progress": 0, "values": 0}
        pending: list[Registration] = []

        def flush():
            if not pending:
                return
            saved = Registration.objects.bulk_create(pending)
            movement_rows, area_rows, targets, transitions, updates = [], [], [], [], []
            for r in saved:
                made[r.kind] += 1
                if r.kind != "task" or rng.random() < 0.3:
                    for m in rng.sample(self.movements, rng.randrange(1, 3)):
                        movement_rows.append(Through(registration_id=r.pk, movement_id=m.pk))
                if r.kind == "model" and r.unit.level == "commune":
                    area_rows.append(Areas(registration_id=r.pk, unit_id=r.unit_id))
                if r.kind != "task":
                    for pos, (name, uom) in enumerate(rng.sample(TARGET_NAMES, rng.randrange(1, 3))):
                        targets.append(Target(registration=r, name=name, unit_of_measure=uom,
                                              target_value=rng.randrange(5, 500), position=pos))  # fmt: skip
                # The workflow so far (every step for a unit's registration; the last one for a task).
                steps = []
                if r.submitted_at:
                    steps.append(("submit", "draft", "submitted", r.submitted_at))
                if r.status == "returned":
                    steps.append(("return", "submitted", "returned", r.updated_at))
                if r.approved_at:
                    steps.append(("approve", "submitted", "approved", r.approved_at))
                if r.status in ("in_progress", "completed", "evaluated"):
                    steps.append(("start", "approved", "in_progress", r.approved_at + dt.timedelta(days=1)))
                if r.completed_at:
                    steps.append(("complete", "in_progress", "completed", r.completed_at))
                if r.evaluated_at:
                    steps.append(("evaluate", "completed", "evaluated", r.evaluated_at))
                if r.kind == "task":
                    steps = steps[-1:]
                for action, src, dst, at in steps:
                    transitions.append(Transition(registration_id=r.pk, action=action, from_status=src, to_status=dst,
                                                  by=r.created_by, at=at, rating=r.rating if action == "evaluate" else "",
                                                  comment="Đề nghị bổ sung chỉ tiêu cụ thể." if action == "return" else ""))  # fmt: skip
                if r.status in ("in_progress", "completed", "evaluated") and (r.kind != "task" or rng.random() < 0.25):
                    n = rng.randrange(1, 4)
                    for i in range(n):
                        day = (r.approved_at + dt.timedelta(days=15 + 30 * i)).date()
                        updates.append(ProgressUpdate(registration_id=r.pk, reported_on=day, text=rng.choice(PROGRESS_TEXTS),
                                                      percent=min(100, r.percent_done * (i + 1) // n), created_by=r.created_by,
                                                      created_at=aware(day, 16)))  # fmt: skip
            Through.objects.bulk_create(movement_rows, batch_size=BATCH)
            Areas.objects.bulk_create(area_rows, batch_size=BATCH)
            saved_targets = Target.objects.bulk_create(targets, batch_size=BATCH)
            Transition.objects.bulk_create(transitions, batch_size=BATCH)
            saved_updates = ProgressUpdate.objects.bulk_create(updates, batch_size=BATCH)
            targets_of: dict[int, list] = {}
            for t in saved_targets:
                targets_of.setdefault(t.registration_id, []).append(t)
            values = [
                ProgressValue(update_id=u.pk, target_id=t.pk, value=int(t.target_value) * u.percent // 100)
                for u in saved_updates
                for t in targets_of.get(u.registration_id, ())
            ]
            ProgressValue.objects.bulk_create(values, batch_size=BATCH)
            followups["targets"] += len(saved_targets)
            followups["transitions"] += len(transitions)
            followups["progress"] += len(saved_updates)
            followups["values"] += len(values)
            pending.clear()

        def add(r):
            pending.append(r)
            if len(pending) >= BATCH:
                flush()

        for commune in self.communes:
            cadres = self.cadres.get(commune.pk, [])
            for _ in range(self._count(TASKS_PER_COMMUNE)):
                person = rng.choice(cadres)
                title = rng.choice(TASK_TITLES).format(
                    n=rng.randrange(5, 120), area=rng.choice(AREAS).format(n=rng.randrange(1, 20))
                )
                add(self._registration(kind="task", unit=commune, person=person, title=title))
            for _ in range(self._count(CONTENTS_PER_COMMUNE * 0.9)):
                title = rng.choice(CONTENT_TITLES).format(area=commune.name)
                add(self._registration(kind="content", unit=commune, person=None, title=title))
            for _ in range(self._count(MODELS_PER_COMMUNE * 0.9)):
                title = rng.choice(MODEL_TITLES).format(area=rng.choice(AREAS).format(n=rng.randrange(1, 20)))
                add(self._registration(kind="model", unit=commune, person=None, title=title))
        # A tenth of contents and models belong to districts and provinces (their own level).
        upper = [*self.districts, *self.provinces]
        per_upper = len(self.communes) / max(1, len(upper)) * 0.1
        for unit in upper:
            for _ in range(self._count(CONTENTS_PER_COMMUNE * per_upper)):
                add(
                    self._registration(
                        kind="content", unit=unit, person=None, title=rng.choice(CONTENT_TITLES).format(area=unit.name)
                    )
                )
            for _ in range(self._count(MODELS_PER_COMMUNE * per_upper)):
                title = rng.choice(MODEL_TITLES).format(area=unit.name)
                add(self._registration(kind="model", unit=unit, person=None, title=title))
        flush()
        self.counts.update({f"registrations_{k}": v for k, v in made.items()})
        self.counts.update(followups)
        self.timer.step(
            f"đăng ký: {made['task']} việc làm, {made['content']} nội dung, {made['model']} mô hình; "
            f"{followups['targets']} chỉ tiêu, {followups['transitions']} bước, {followups['progress']} cập nhật tiến độ",
            sum(made.values()) + sum(followups.values()),
        )

    # --- plans ------------------------------------------------------------------------------
    def plans(self):
        from plans.models import Plan, PlanSection, PlanTask, TaskAssignment

        _no_auto_dates(Plan, TaskAssignment)
        rng = self.rng
        issuers = [*self.provinces, *self.districts, *self.communes]
        plans = []
        for unit in issuers:
            share = {"province": 1.0, "district": 0.92, "commune": 0.8}[unit.level]
            if rng.random() >= share:
                continue
            day = {"province": dt.date(2020, 2, 12), "district": dt.date(2020, 2, 25), "commune": dt.date(2020, 3, 10)}[
                unit.level
            ]
            day = day + dt.timedelta(days=rng.randrange(0, 10))
            draft = rng.random() < 0.05
            plans.append(
                Plan(
                    campaign=self.campaign, unit=unit, number="" if draft else f"{rng.randrange(1, 60):02d}/KH-MTTQ-BTT",
                    issued_on=None if draft else day, place=unit.short_name,
                    title="Triển khai phong trào thi đua “Dân vận khéo” năm 2020",
                    intro="Thực hiện Kế hoạch của Ban Thường trực Ủy ban MTTQ cấp trên, Ban Thường trực xây dựng kế hoạch như sau:",
                    recipients="Ban Thường trực cấp trên;\nCác đơn vị trực thuộc;\nLưu: VT.",
                    signer_name=self.officer[unit.pk].full_name if unit.pk in self.officer else "",
                    status="draft" if draft else "issued", issued_at=None if draft else aware(day, 15),
                    issued_by=None if draft else self.officer.get(unit.pk),
                    created_by=self.officer.get(unit.pk), created_at=aware(day - dt.timedelta(days=3)),
                    updated_at=aware(day, 15),
                )
            )  # fmt: skip
        plans = bulk(Plan, plans)
        plan_of = {p.unit_id: p for p in plans}
        # based_on: the plan of the level above, when it has one.
        based = []
        for p in plans:
            parent_plan = plan_of.get(p.unit.parent_id)
            if parent_plan is not None and parent_plan.status == "issued":
                p.based_on = parent_plan
                based.append(p)
        Plan.objects.bulk_update(based, ["based_on"], batch_size=BATCH)
        sections = []
        for p in plans:
            for pos, (part, number, heading, body) in enumerate(PLAN_SECTIONS):
                target = "" if part != "implementation" else ("district" if p.unit.level == "province" else "commune")
                if p.unit.level == "commune" and part == "implementation":
                    target = ""
                sections.append(PlanSection(plan=p, part=part, position=pos, number=number, heading=heading, body=body,
                                            target_level=target))  # fmt: skip
        sections = bulk(PlanSection, sections)
        impl = {s.plan_id: s for s in sections if s.part == "implementation"}
        tasks = []
        for p in plans:
            if p.unit.level == "commune":
                continue
            level = "district" if p.unit.level == "province" else "commune"
            for pos, (kind, text, due) in enumerate(PLAN_TASKS):
                tasks.append(PlanTask(plan=p, section=impl[p.pk], position=pos, kind=kind, text=text,
                                      target_level=level, due_on=due))  # fmt: skip
        tasks = bulk(PlanTask, tasks)
        assignments = []
        for t in tasks:
            plan = t.plan
            if plan.status != "issued":
                continue
            for unit in self.children.get(plan.unit_id, []):
                if t.kind == "plan":
                    child_plan = plan_of.get(unit.pk)
                    done = child_plan is not None and child_plan.status == "issued"
                    status = "done" if done else "not_started"
                else:
                    status = self._pick([("done", 35), ("in_progress", 35), ("not_started", 30)])
                    if t.due_on > dt.date(2020, 9, 1) and status == "done":
                        status = "in_progress"
                done_at = aware(t.due_on - dt.timedelta(days=rng.randrange(-5, 20)), 10) if status == "done" else None
                assignments.append(TaskAssignment(task=t, unit=unit, due_on=t.due_on, status=status, done_at=done_at,
                                                  last_update_at=done_at, created_at=plan.issued_at))  # fmt: skip
        bulk(TaskAssignment, assignments)
        self.counts.update(plans=len(plans), plan_tasks=len(tasks), task_assignments=len(assignments))
        self.timer.step(f"kế hoạch: {len(plans)} kế hoạch, {len(tasks)} nhiệm vụ, {len(assignments)} việc được giao",
                        len(plans) + len(sections) + len(tasks) + len(assignments))  # fmt: skip

    # --- reports ----------------------------------------------------------------------------
    def reports(self):
        from reports import figures
        from reports.models import ConsolidatedReport, Report, ReportEvent, ReportingPeriod, ReportVersion, days_late_for

        _no_auto_dates(Report)
        rng = self.rng
        kinds = [
            ("six_month", "Sơ kết 6 tháng phong trào thi đua “Dân vận khéo” năm 2020", dt.date(2020, 1, 1), dt.date(2020, 6, 5), dt.date(2020, 6, 10),
             [("missing", 6), ("draft", 4), ("submitted", 25), ("accepted", 45), ("late", 10), ("returned", 10)]),
            ("annual", "Tổng kết phong trào thi đua “Dân vận khéo” năm 2020", dt.date(2020, 1, 1), dt.date(2020, 12, 15), dt.date(2020, 12, 20),
             [("missing", 15), ("draft", 10), ("submitted", 30), ("accepted", 25), ("late", 10), ("returned", 10)]),
        ]  # fmt: skip
        periods = []
        for p in self.provinces:
            for kind, title, covers_from, covers_to, due, _ in kinds:
                periods.append(ReportingPeriod(campaign=self.campaign, kind=kind, title=title, covers_from=covers_from,
                                               covers_to=covers_to, due_on=due, receiving_unit=p,
                                               instructions="Báo cáo theo đề cương gửi kèm; số liệu lấy trên cổng.",
                                               created_by=self.officer.get(p.pk)))  # fmt: skip
        periods = bulk(ReportingPeriod, periods)
        mix_of = {k[0]: k[5] for k in kinds}
        reports, plans_for = [], []
        for period in periods:
            for district in self.children.get(period.receiving_unit_id, []):
                state = self._pick(mix_of[period.kind])
                if state == "missing":
                    continue
                officer = self.officer.get(district.pk)
                due = period.due_on
                if state == "draft":
                    sent = None
                elif state == "late":
                    sent = aware(due + dt.timedelta(days=rng.randrange(1, 15)), rng.randrange(8, 17))
                else:
                    sent = aware(due - dt.timedelta(days=rng.randrange(0, 8)), rng.randrange(8, 17))
                status = {"draft": "draft", "submitted": "submitted", "accepted": "accepted", "late": "accepted",
                          "returned": "returned"}[state]  # fmt: skip
                text = {k: v.format(unit=district.name_in_sentence, n=rng.randrange(20, 90), m=rng.randrange(200, 900))
                        for k, v in NARRATIVE.items()}  # fmt: skip
                reports.append(Report(period=period, unit=district, status=status, number=f"{rng.randrange(1, 40)}/BC-MTTQ",
                                      signer_name=officer.full_name if officer else "", submitted_at=sent,
                                      days_late=days_late_for(sent, due) if sent else None, last_submitted_at=sent,
                                      accepted_at=sent + dt.timedelta(days=2) if sent and status == "accepted" else None,
                                      created_by=officer, created_at=aware(due - dt.timedelta(days=20)),
                                      updated_at=sent or aware(due - dt.timedelta(days=5)), **text))  # fmt: skip
                plans_for.append(period)
        reports = bulk(Report, reports)
        # Frozen figures of every sent report: computed for all districts of a period in a few queries.
        by_period: dict[int, list] = {}
        for r in reports:
            by_period.setdefault(r.period_id, []).append(r)
        period_by_id = {p.pk: p for p in periods}
        versions, events = [], []
        # Periods of one kind share the campaign and the dates the figures depend on: one
        # compute_many over every reporting district of that kind (a few queries, not one set per province).
        values = {}
        for kind in {p.kind for p in periods}:
            sample = next(p for p in periods if p.kind == kind)
            units = [self.units_by_id[r.unit_id] for r in reports if period_by_id[r.period_id].kind == kind]
            for unit_id, figures_of_unit in figures.compute_many(units, sample, today=sample.covers_to).items():
                values[(kind, unit_id)] = figures_of_unit
        for period_id, rows in by_period.items():
            period = period_by_id[period_id]
            for r in rows:
                if r.submitted_at is None:
                    continue
                outcome = {"submitted": "pending", "accepted": "accepted", "returned": "returned"}[r.status]
                reviewed = r.submitted_at + dt.timedelta(days=2) if outcome != "pending" else None
                versions.append(ReportVersion(report=r, number=1, report_version=1, submitted_at=r.submitted_at,
                                              submitted_by=r.created_by, number_symbol=r.number, narrative=r.narrative(),
                                              figures=figures.freeze(values[(period.kind, r.unit_id)]),
                                              signer={"authority": r.signer_authority, "title": r.signer_title, "name": r.signer_name},
                                              outcome=outcome, reviewed_at=reviewed,
                                              reviewed_by=self.officer.get(period.receiving_unit_id) if reviewed else None,
                                              review_comment="Đề nghị bổ sung số liệu mô hình." if outcome == "returned" else ""))  # fmt: skip
                events.append(ReportEvent(report=r, action="submitted", version_number=1, by=r.created_by, at=r.submitted_at))
                if reviewed:
                    events.append(ReportEvent(report=r, action=outcome, version_number=1,
                                              by=self.officer.get(period.receiving_unit_id), at=reviewed))  # fmt: skip
        bulk(ReportVersion, versions, batch=1000)
        bulk(ReportEvent, events)
        summaries = [
            ConsolidatedReport(period=p, addressees="Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam",
                               recipients="Như kính gửi;\nThường trực Tỉnh ủy;\nLưu: VT, BTG.",
                               signer_name=self.officer[p.receiving_unit_id].full_name, **{
                                   k: v.format(unit=p.receiving_unit.name_in_sentence, n=300, m=4000) for k, v in NARRATIVE.items()})
            for p in periods if p.kind == "six_month"
        ]  # fmt: skip
        bulk(ConsolidatedReport, summaries)
        self.counts.update(periods=len(periods), reports=len(reports), report_versions=len(versions))
        self.timer.step(f"báo cáo: {len(periods)} kỳ, {len(reports)} báo cáo, {len(versions)} lần gửi",
                        len(periods) + len(reports) + len(versions) + len(events))  # fmt: skip

    # --- exemplars and articles (when the models exist) ----------------------------------------
    def exemplars_articles(self):
        from django.apps import apps

        try:
            Exemplar = apps.get_model("registrations", "Exemplar")
            Article = apps.get_model("registrations", "Article")
        except LookupError:
            print("  gương điển hình, tin bài: chưa có các mô hình này (bỏ qua)")
            return
        _no_auto_dates(Exemplar, Article)
        rng = self.rng
        exemplars = []
        for district in self.districts:
            officer = self.officer.get(district.pk)
            upper = self.officer.get(district.parent_id)
            for i in range(2):
                status = self._pick([("recognised", 60), ("nominated", 30), ("not_recognised", 10)])
                nominated = aware(rand_day(rng, dt.date(2020, 9, 1), dt.date(2020, 11, 15)), 10)
                decided = nominated + dt.timedelta(days=rng.randrange(5, 25)) if status != "nominated" else None
                commune = rng.choice(self.children.get(district.pk, [district]))
                individual = i == 0
                exemplars.append(Exemplar(
                    kind="individual" if individual else "collective", unit=commune,
                    name=self._name() if individual else f"Ban công tác Mặt trận {rng.choice(AREAS).format(n=rng.randrange(1, 20))}",
                    position="Trưởng ban công tác Mặt trận" if individual else "",
                    achievements="Vận động nhân dân hiến đất làm đường, giúp đỡ hộ nghèo; tiêu biểu trong phong trào “Dân vận khéo”.",
                    period="năm 2020", status=status, nominated_by=officer, nominating_unit=district, nominated_at=nominated,
                    decided_by=upper if decided else None, decided_at=decided,
                    recognised_at=decided if status == "recognised" else None, updated_at=decided or nominated,
                ))  # fmt: skip
        exemplars = bulk(Exemplar, exemplars)
        articles = []
        for province in self.provinces:
            officer = self.officer.get(province.pk)
            for i in range(20):
                unit = rng.choice([province, *self.children.get(province.pk, [])])
                status = "published" if i < 16 else rng.choice(["draft", "in_review", "returned"])
                published = aware(rand_day(rng, dt.date(2020, 3, 1), dt.date(2020, 12, 20)), rng.randrange(7, 18))
                title = f"{unit.name}: lan tỏa phong trào “Dân vận khéo” {rng.choice(['ở cơ sở', 'trong xây dựng nông thôn mới', 'giúp hộ nghèo', 'vì môi trường xanh'])}"
                articles.append(Article(
                    unit=unit, author=self.officer.get(unit.pk) or officer, byline=self._name(), title=title,
                    slug=f"bai-{province.code}-{i:02d}-{rng.randrange(10**6):06d}",
                    summary="Phong trào thi đua “Dân vận khéo” được các cấp Mặt trận triển khai sâu rộng, nhiều mô hình hay.",
                    body="<p>Thực hiện phong trào thi đua “Dân vận khéo”, Ủy ban MTTQ các cấp đã vận động nhân dân hiến đất, góp công làm đường.</p>"
                         "<p>Nhiều mô hình được nhân rộng, góp phần xây dựng nông thôn mới.</p>",
                    status=status, submitted_at=published - dt.timedelta(days=2) if status != "draft" else None,
                    published_at=published if status == "published" else None,
                    published_by=officer if status == "published" else None,
                    created_at=published - dt.timedelta(days=5), updated_at=published,
                ))  # fmt: skip
        articles = bulk(Article, articles)
        self.counts.update(exemplars=len(exemplars), articles=len(articles))
        self.timer.step(f"gương điển hình, tin bài: {len(exemplars)} gương, {len(articles)} bài", len(exemplars) + len(articles))

    # --- notifications ------------------------------------------------------------------------
    def notifications(self):
        from notifications.models import Notification

        _no_auto_dates(Notification)
        rows = []
        for i in range(40):
            rows.append(Notification(recipient=self.staff, kind="registration_submitted", title=f"Có đăng ký mới chờ duyệt ({i + 1})",
                                     url="/dang-ky/", unit=self.root, created_at=aware(dt.date(2020, 5, 1) + dt.timedelta(days=i)),
                                     read_at=None if i % 3 else aware(dt.date(2020, 6, 20))))  # fmt: skip
        bulk(Notification, rows)
        self.timer.step("thông báo của tài khoản đo", len(rows))

    # --- optional parts -------------------------------------------------------------------------
    def summaries(self):
        """ANALYZE, then the summary refreshes the code provides (dashboards, when present)."""
        from django.core.management import call_command, get_commands
        from django.db import connection

        # VACUUM too: the visibility map lets the covering indexes answer without the table, and
        # autovacuum has nothing left to do while the pages are measured.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        self.timer.step("VACUUM ANALYZE")
        if "refresh_dashboards" in get_commands():
            call_command("refresh_dashboards")
            self.timer.step("refresh_dashboards")
        else:
            print("  refresh_dashboards: chưa có lệnh này (bỏ qua)")

    def run(self):
        from django.db import connection, transaction

        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")
        with transaction.atomic():
            self.units()
            self.campaign()
            self.people()
            self.registrations()
            self.plans()
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # the reports' figures group 340,000 rows: plan with statistics
            self.timer.step("ANALYZE")
            self.reports()
            self.exemplars_articles()
            self.notifications()
        self.summaries()
        print(f"  tổng thời gian sinh dữ liệu: {self.timer.total():.1f} s", flush=True)
        return self.counts


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=["national", "province"], required=True)
    args = parser.parse_args(argv)
    setup_django()
    counts = Generator(args.scale).run()
    print("  " + ", ".join(f"{k}={v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
