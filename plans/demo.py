"""The province's 2020 plan (the seed document), issued, with its tasks assigned to the province
and to the seven districts, and demo follow-up records: progress updates, an inspection, the two
commemorations and a few activities registered for them.

Faithful to the seed text; the only change is the typo "kế hoạnh" → "kế hoạch" in the closing
paragraph. What the seed does not give and the demo chooses (said so in the report):
- the plan's number "04/KH-MTTQ-BTT" (so the next suggested number is 05/KH-MTTQ-BTT) and its
  date 12/02/2020 (the day of the Steering Committee's plan 54-KH/BCĐ it is based on);
- the signer: the demo account `tinh`'s person, Phó Chủ tịch, "TM. BAN THƯỜNG TRỰC";
- the due dates of the tasks of section III (the seed gives only the report deadlines 10/6 and 20/12);
- the statuses of the districts' tasks, the inspection and the activities.

Safe to run twice: nothing is created when the province's plan 04/KH-MTTQ-BTT of 2020 exists.
"""

import datetime as dt

from django.utils import timezone

# --- The seed plan, word for word (docs: the province's 2020 plan; see the module docstring) ---
TITLE = "Triển khai thực hiện Phong trào thi đua “Dân vận khéo” năm 2020"
BASIS = "Căn cứ Kế hoạch số 54-KH/BCĐ ngày 12/02/2020 của Ban Chỉ đạo Phong trào thi đua “Dân vận khéo” của tỉnh về tổ chức thực hiện Phong trào thi đua “Dân vận khéo” năm 2020;"
INTRO = "Ban Thường trực Ủy ban MTTQ tỉnh Tuyên Quang xây dựng kế hoạch triển khai thực hiện Phong trào thi đua “Dân vận khéo” năm 2020 như sau:"
PURPOSES = [
    "Thực hiện Chủ đề Năm Dân vận khéo, nâng cấp chất lượng, hiệu quả công tác dân vận trong hệ thống chính trị do Ban Dân vận Trung ương phát động tiếp tục tuyên truyền, tổ chức thực hiện có hiệu quả công tác dân vận, Phong trào thi đua “Dân vận khéo” trong toàn tỉnh. Tăng cường công tác nắm tình hình nhân dân và tham mưu giải quyết tốt những khó khăn, vướng mắc từ cơ sở; gắn thực hiện Phong trào thi đua “Dân vận khéo” năm 2020 với tổ chức các nội dung, phần việc công trình chào mừng đại hội đảng bộ các cấp, tổ chức các hoạt động thiết thực kỷ niệm 90 năm ngày Truyền thống công tác Dân vận của Đảng (15/10/1930 - 15/10/2020), 90 năm ngày Truyền thống MTTQ Việt Nam (18/11/1930 – 18/11/2020).",
    "Phát huy vai trò của MTTQ trong tổ chức thực hiện Phong trào thi đua“Dân vận khéo”. Xây dựng và tổ chức thực hiện các nội dung, việc làm, mô hình Phong trào thi đua “Dân vận khéo” đảm bảo cụ thể, thiết thực, bám sát nhiệm vụ chính trị của địa phương, cơ quan, đơn vị.",
]
# (number, heading, body): part II, in order.
CONTENTS = [
    (
        "1.",
        "Lựa chọn nội dung thực hiện Chủ đề Năm Dân vận khéo, nâng cấp chất lượng, hiệu quả công tác dân vận trong hệ thống chính trị  đối với tập thể, cá nhân đảm bảo thiết thực.",
        "",
    ),
    (
        "1.1.",
        "Đối với tập thể:",
        "Bám sát chức năng, nhiệm vụ của địa phương, cơ quan, đơn vị để lựa chọn nội dung “Dân vận khéo” cụ thể của địa phương, đơn vị để tổ chức thực hiện có hiệu quả.",
    ),
    (
        "1.2.",
        "Đối với cá nhân:",
        "Căn cứ chức trách, nhiệm vụ được giao, đăng ký thực hiện việc làm “Dân vận khéo” cụ thể nâng cao chất lượng thực hiện nhiệm vụ và góp phần thực hiện nội dung “Dân vận khéo” của địa phương, cơ quan, đơn vị.",
    ),
    ("2.", "Các hoạt động thực hiện Chủ đề Năm Dân vận khéo 2020", ""),
    (
        "2.1.",
        "",
        "Phối hợp tuyên truyền công tác dân vận, phong trào thi đua dân vận khéo, Năm Dân vận khéo; gương điển hình “Dân vận khéo” tiêu biểu; các hoạt động chào mừng kỷ niệm 90 năm ngày Truyền thống công tác Dân vận của Đảng (15/10/1930 - 15/10/2020), 90 năm ngày Truyền thống MTTQ Việt Nam (18/11/1930 – 18/11/2020) thông qua đội ngũ báo cáo viên, tuyên truyền viên; tuyên truyền trên Trang thông tin điện tử Ủy ban MTTQ tỉnh, trên các phương tiện thông tin đại chúng của tỉnh, của huyện, hệ thống truyền thanh tại cơ sở.",
    ),
    (
        "2.2.",
        "",
        "Tuyên truyền vận động nhân dân thực hiện Phong trào thi đua “Dân vận khéo” gắn với việc thực hiện Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”, Cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam”; Phong trào “Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau”, Phong trào “Tuyên Quang chung sức xây dựng nông thôn mới”, Phong trào “Toàn dân bảo vệ an ninh Tổ quốc”; chương trình giảm nghèo của tỉnh; phối hợp thực hiện công tác huy động trẻ đến nhà trẻ; tham gia đảm nhận các phần việc trong thực hiện chương trình phát triển kinh tế - xã hội, các khâu đột phá, nhiệm vụ trọng tâm của tỉnh; nhân rộng các mô hình, điển hình tiêu biểu trên các lĩnh vực; duy trì có hiệu quả các mô hình khu dân cư tự quản.",
    ),
    (
        "2.3.",
        "",
        "Tiếp tục tuyên truyền, vận động cán bộ, đảng viên và nhân dân tham gia viết bài hưởng ứng Cuộc thi báo chí viết về tấm gương “Dân vận khéo” giai đoạn 2017- 2020; lựa chọn những tấm gương tập thể, cá nhân điển hình “Dân vận khéo”, các nội dung, việc làm, mô hình“Dân vận khéo” hoạt động có hiệu quả; viết tin, bài đăng trên Trang thông tin điện tử Ủy ban MTTQ tỉnh để phổ biến, nhân rộng.",
    ),
    ("2.4.", "", "Sơ kết 6 tháng, tổng kết 01 năm việc thực hiện Phong trào thi đua “Dân vận khéo”, Năm Dân vận khéo."),
]
PROVINCE_SECTION = "Ủy ban MTTQ tỉnh"
PROVINCE_TASKS = [
    "Xây dựng kế hoạch triển khai thực hiện Phong trào thi đua “Dân vận khéo” năm 2020 trong hệ thống MTTQ các cấp của tỉnh.",
    "Triển khai, hướng dẫn cho cán bộ, đảng viên, các Ban chuyên môn cơ quan Ủy ban MTTQ tỉnh đăng ký thực hiện các nội dung, việc làm, mô hình “Dân vận khéo” năm 2020, Năm Dân vận khéo đảm bảo thiết thực, bám sát nhiệm vụ chính trị của cơ quan và nhiệm vụ chuyên môn được giao. Đồng thời theo dõi, đôn đốc, kiểm tra, giám sát việc thực hiện Phong trào thi đua “Dân vận khéo”.",
    "Thực hiện nội dung “Phối hợp, chỉ đạo tuyên truyền vận động nhân dân tham gia thực hiện, giám sát thực hiện Chương trình mục tiêu Quốc gia xây dựng nông thôn mới tại 10 xã về đích nông thôn mới năm 2020 của tỉnh” là mô hình “Dân vận khéo” năm 2020 của Ủy ban MTTQ tỉnh.",
    "Tổng hợp, biên tập, đăng các tin, bài về các tập thể, cá nhân điển hình “Dân vận khéo”, các nội dung, việc làm, mô hình hoạt động có hiệu quả, đăng trên Trang thông tin điện tử Ủy ban MTTQ tỉnh.",
]
DISTRICT_SECTION = "Ủy ban MTTQ các huyện, thành phố"
DISTRICT_TASKS = [
    "Xây dựng kế hoạch triển khai thực hiện Phong trào thi đua “Dân vận khéo” năm 2020, Năm Dân vận khéo, đồng thời hướng dẫn Ủy ban MTTQ các xã, phường, thị trấn tổ chức thực hiện.",
    "Hướng dẫn cho cán bộ, đảng viên trong cơ quan tổ chức đăng ký thực hiện các nội dung, việc làm, mô hình “Dân vận khéo” đảm bảo thiết thực, bám sát nhiệm vụ chính trị cơ quan, địa phương.",
    "Giới thiệu, viết tin, bài về các gương điển hình thực hiện Phong trào thi đua “Dân vận khéo” gửi đăng trên Trang thông tin điện tử Ủy ban MTTQ tỉnh.",
    "Tổ chức các hoạt động kỷ niệm 90 năm ngày Truyền thống công tác Dân vận của Đảng (15/10/1930 - 15/10/2020), 90 năm ngày Truyền thống MTTQ Việt Nam (18/11/1930 – 18/11/2020).",
]
# The seed writes "kế hoạnh" here: an obvious typo, corrected to "kế hoạch" (the only change).
CLOSING = "Đề nghị Ban Thường trực Ủy ban MTTQ các huyện, thành phố căn cứ nội dung kế hoạch này triển khai thực hiện, báo cáo sơ kết 6 tháng đầu năm gửi trước ngày 10/6/2020; báo cáo kết quả 01 năm trước ngày 20/12/2020 gửi về Ban Thường trực Ủy ban MTTQ tỉnh (qua Ban Tuyên giáo)."
RECIPIENTS = [
    "Ban Dân vận Tỉnh ủy",
    "BTT Uỷ ban MTTQ tỉnh",
    "BTT MTTQ các huyện, TP",
    "Lưu VT, Ban Tuyên giáo",
]

NUMBER = "04/KH-MTTQ-BTT"
ISSUED_ON = dt.date(2020, 2, 12)
SIGNER = ("TM. BAN THƯỜNG TRỰC", "PHÓ CHỦ TỊCH", "Hoàng Thị Thanh Hương")
# Due dates chosen for the demo (the seed does not give them), in the order of the tasks above.
PROVINCE_DUE = [dt.date(2020, 2, 15), dt.date(2020, 3, 31), dt.date(2020, 12, 15), dt.date(2020, 12, 31)]
DISTRICT_DUE = [dt.date(2020, 3, 15), dt.date(2020, 3, 31), dt.date(2020, 11, 30), dt.date(2020, 11, 18)]
REPORT_TASKS = [
    (
        "Gửi báo cáo sơ kết 6 tháng đầu năm thực hiện Phong trào thi đua “Dân vận khéo” năm 2020 về Ban Thường trực "
        "Ủy ban MTTQ tỉnh (qua Ban Tuyên giáo)",
        dt.date(2020, 6, 10),
    ),
    (
        "Gửi báo cáo kết quả 01 năm thực hiện Phong trào thi đua “Dân vận khéo” năm 2020 về Ban Thường trực "
        "Ủy ban MTTQ tỉnh (qua Ban Tuyên giáo)",
        dt.date(2020, 12, 20),
    ),
]

COMMEMORATIONS = [
    (
        "Kỷ niệm 90 năm Ngày truyền thống công tác Dân vận của Đảng",
        dt.date(1930, 10, 15),
        dt.date(2020, 10, 15),
        "Các hoạt động thiết thực chào mừng 90 năm Ngày truyền thống công tác Dân vận của Đảng (15/10/1930 - 15/10/2020).",
    ),
    (
        "Kỷ niệm 90 năm Ngày truyền thống Mặt trận Tổ quốc Việt Nam",
        dt.date(1930, 11, 18),
        dt.date(2020, 11, 18),
        "Các hoạt động thiết thực chào mừng 90 năm Ngày truyền thống MTTQ Việt Nam (18/11/1930 – 18/11/2020), gắn với Ngày hội Đại đoàn kết toàn dân tộc.",
    ),
]


def _aware(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _plan(ctx, units):
    from plans.models import Plan, PlanSection, PlanTask, TargetLevel
    from plans.services.plan_lifecycle import plan_issue

    province = units["08"]
    plan = Plan.objects.create(
        campaign=ctx["campaign"],
        unit=province,
        board="Ban Thường trực",
        number=NUMBER,
        issued_on=ISSUED_ON,
        place="Tuyên Quang",
        basis=BASIS,
        title=TITLE,
        intro=INTRO,
        closing=CLOSING,
        recipients="\n".join(RECIPIENTS),
        signer_authority=SIGNER[0],
        signer_title=SIGNER[1],
        signer_name=SIGNER[2],
        created_by=ctx["users"]["tinh"],
    )
    PlanSection.objects.create(plan=plan, part=PlanSection.Part.PURPOSES, position=10, body="\n".join(PURPOSES))
    for i, (number, heading, body) in enumerate(CONTENTS, start=1):
        PlanSection.objects.create(
            plan=plan, part=PlanSection.Part.CONTENTS, position=i * 10, number=number, heading=heading, body=body
        )
    own = PlanSection.objects.create(
        plan=plan,
        part=PlanSection.Part.IMPLEMENTATION,
        position=10,
        number="1.",
        heading=PROVINCE_SECTION,
        target_unit=province,
    )
    districts = PlanSection.objects.create(
        plan=plan,
        part=PlanSection.Part.IMPLEMENTATION,
        position=20,
        number="2.",
        heading=DISTRICT_SECTION,
        target_level=TargetLevel.DISTRICT,
    )
    for i, (text, due) in enumerate(zip(PROVINCE_TASKS, PROVINCE_DUE, strict=True), start=1):
        PlanTask.objects.create(plan=plan, section=own, position=i * 10, text=text, target_unit=province, due_on=due)
    for i, (text, due) in enumerate(zip(DISTRICT_TASKS, DISTRICT_DUE, strict=True), start=1):
        kind = PlanTask.Kind.PLAN if i == 1 else PlanTask.Kind.ACTION
        PlanTask.objects.create(
            plan=plan, section=districts, position=i * 10, kind=kind, text=text, target_level=TargetLevel.DISTRICT, due_on=due
        )
    for i, (text, due) in enumerate(REPORT_TASKS, start=1):
        PlanTask.objects.create(
            plan=plan, position=i * 10, kind=PlanTask.Kind.REPORT, text=text, target_level=TargetLevel.DISTRICT, due_on=due
        )
    plan, _ = plan_issue(plan=plan, by=ctx["users"]["tinh"])
    Plan.objects.filter(pk=plan.pk).update(issued_at=_aware(ISSUED_ON, 15))
    plan.refresh_from_db()
    return plan


# Progress the demo records, by district code: (task position in section III.2 or "report1"/"report2", status, text, day).
PROGRESS = {
    "province": [
        (1, "done", "Đã ban hành Kế hoạch số 04/KH-MTTQ-BTT ngày 12/02/2020.", dt.date(2020, 2, 12)),
        (
            2,
            "done",
            "Đã hướng dẫn cán bộ, đảng viên, các Ban chuyên môn cơ quan đăng ký; 100% cán bộ cơ quan đã đăng ký việc làm “Dân vận khéo”.",
            dt.date(2020, 3, 20),
        ),
        (
            3,
            "in_progress",
            "Đã phối hợp tuyên truyền tại 10 xã phấn đấu về đích nông thôn mới năm 2020; đang giám sát việc thực hiện các tiêu chí.",
            dt.date(2020, 6, 30),
        ),
        (
            4,
            "in_progress",
            "Đã đăng 24 tin, bài về gương điển hình “Dân vận khéo” trên Trang thông tin điện tử Ủy ban MTTQ tỉnh.",
            dt.date(2020, 6, 30),
        ),
    ],
    "070": [
        (2, "done", "100% cán bộ, đảng viên cơ quan đã đăng ký việc làm “Dân vận khéo”.", dt.date(2020, 3, 25)),
        ("report1", "done", "Đã gửi báo cáo sơ kết 6 tháng.", dt.date(2020, 6, 8)),
        (3, "in_progress", "Đã gửi 3 tin, bài về gương điển hình.", dt.date(2020, 7, 2)),
    ],
    "071": [(3, "in_progress", "Đang viết tin, bài về 2 gương điển hình ở xã Thượng Lâm.", dt.date(2020, 7, 10))],
    "073": [
        (2, "done", "Đã hướng dẫn cán bộ, đảng viên cơ quan đăng ký.", dt.date(2020, 3, 30)),
        ("report1", "done", "Đã gửi báo cáo sơ kết 6 tháng.", dt.date(2020, 6, 9)),
    ],
    "074": [
        (2, "done", "Đã hướng dẫn cán bộ, đảng viên cơ quan đăng ký.", dt.date(2020, 3, 28)),
        ("report1", "done", "Đã gửi báo cáo sơ kết 6 tháng.", dt.date(2020, 6, 12)),
    ],
    "075": [
        (2, "done", "Đã hướng dẫn cán bộ, đảng viên cơ quan đăng ký.", dt.date(2020, 3, 27)),
        ("report1", "done", "Đã gửi báo cáo sơ kết 6 tháng.", dt.date(2020, 6, 10)),
    ],
    "076": [
        (2, "in_progress", "Đã hướng dẫn ở cơ quan huyện; đang tổng hợp đăng ký của cán bộ, đảng viên.", dt.date(2020, 3, 25))
    ],
    # Huyện Na Hang (072) has reported nothing: its tasks are overdue (the urging journey).
}


def _progress(ctx, plan, units):
    from plans.models import TaskAssignment, TaskUpdate

    tasks = {t.position: t for t in plan.tasks.filter(section__isnull=False, section__position=20)}
    own_tasks = {t.position: t for t in plan.tasks.filter(section__position=10)}
    reports = {f"report{t.position // 10}": t for t in plan.tasks.filter(section__isnull=True)}
    by = {"province": ctx["users"]["tinh"], "076": ctx["users"]["sonduong"]}
    for key, items in PROGRESS.items():
        unit = units["08"] if key == "province" else units[key]
        for ref, status, text, day in items:
            task = reports[ref] if isinstance(ref, str) else (own_tasks if key == "province" else tasks)[ref * 10]
            assignment = TaskAssignment.objects.get(task=task, unit=unit)
            moment = _aware(day, 16)
            update = TaskUpdate.objects.create(assignment=assignment, text=text, status=status, by=by.get(key))
            TaskUpdate.objects.filter(pk=update.pk).update(created_at=moment)
            TaskAssignment.objects.filter(pk=assignment.pk).update(
                status=status, last_update_at=moment, done_at=moment if status == "done" else None
            )


def _inspection(ctx, plan, units):
    from plans.models import Inspection

    Inspection.objects.create(
        unit=units["08"],
        inspected_unit=units["076"],
        campaign=ctx["campaign"],
        plan=plan,
        kind=Inspection.Kind.INSPECTION,
        inspected_on=dt.date(2020, 9, 22),
        team="Phó Chủ tịch Ủy ban MTTQ tỉnh – Trưởng đoàn\nĐại diện Ban Tuyên giáo Ủy ban MTTQ tỉnh\nĐại diện Ban Dân vận Tỉnh ủy",
        content="Kiểm tra việc triển khai Phong trào thi đua “Dân vận khéo” năm 2020 theo Kế hoạch số 04/KH-MTTQ-BTT ngày 12/02/2020 "
        "của Ban Thường trực Ủy ban MTTQ tỉnh: xây dựng kế hoạch, hướng dẫn đăng ký, theo dõi các mô hình “Dân vận khéo”.",
        findings="Ủy ban MTTQ huyện đã hướng dẫn cán bộ, đảng viên cơ quan đăng ký việc làm “Dân vận khéo”; chưa ban hành kế hoạch "
        "của huyện trên cổng; việc tổng hợp đăng ký của các xã, thị trấn còn chậm.",
        recommendations="Ban hành kế hoạch của huyện căn cứ kế hoạch của tỉnh; hoàn thành tổng hợp đăng ký của các xã, thị trấn trước ngày 15/10/2020.",
        follow_up_status=Inspection.FollowUp.PENDING,
        created_by=ctx["users"]["tinh"],
    )


ACTIVITIES = [
    # (event index, unit code, kind, title, day, location, expected, status, participants, result)
    (
        1,
        "08",
        "meeting",
        "Lễ kỷ niệm 90 năm Ngày truyền thống MTTQ Việt Nam (18/11/1930 – 18/11/2020)",
        dt.date(2020, 11, 17),
        "Hội trường Ủy ban MTTQ tỉnh",
        300,
        "held",
        320,
        "Biểu dương 45 tập thể, cá nhân tiêu biểu trong Phong trào thi đua “Dân vận khéo”.",
    ),
    (
        0,
        "072",
        "seminar",
        "Tọa đàm 90 năm Ngày truyền thống công tác Dân vận của Đảng",
        dt.date(2020, 10, 14),
        "Hội trường Huyện ủy Na Hang",
        80,
        "registered",
        None,
        "",
    ),
    (
        1,
        "076",
        "meeting",
        "Ngày hội Đại đoàn kết toàn dân tộc và gặp mặt kỷ niệm 90 năm Ngày truyền thống MTTQ Việt Nam",
        dt.date(2020, 11, 16),
        "Nhà văn hóa thôn Tân Lập, xã Tân Trào",
        150,
        "registered",
        None,
        "",
    ),
    (
        0,
        "02545",
        "propaganda",
        "Tuyên truyền trên hệ thống truyền thanh xã về 90 năm Ngày truyền thống công tác Dân vận của Đảng",
        dt.date(2020, 10, 12),
        "Xã Tân Trào",
        None,
        "registered",
        None,
        "",
    ),
]


def _commemorations(ctx, units):
    from campaigns.models import Commemoration, CommemorationActivity

    events = []
    for title, founded, anniversary, description in COMMEMORATIONS:
        event, _ = Commemoration.objects.get_or_create(
            campaign=ctx["campaign"],
            title=title,
            defaults={"founded_on": founded, "anniversary_on": anniversary, "description": description},
        )
        events.append(event)
    if CommemorationActivity.objects.filter(commemoration__in=events).exists():
        return events
    for index, code, kind, title, day, location, expected, status, participants, result in ACTIVITIES:
        CommemorationActivity.objects.create(
            commemoration=events[index],
            unit=units[code],
            kind=kind,
            title=title,
            planned_on=day,
            location=location,
            expected_participants=expected,
            status=status,
            participants=participants,
            result=result,
        )
    return events


def load(ctx):
    from core import figures
    from plans import figures as figures_of_plans
    from plans.models import Plan

    units = ctx["units"]
    events = _commemorations(ctx, units)
    existing = Plan.objects.filter(unit=units["08"], campaign=ctx["campaign"], number=NUMBER).first()
    if existing is not None:
        ctx["province_plan"] = existing
        return f"kế hoạch {NUMBER} đã có; {len(events)} sự kiện kỷ niệm."
    plan = _plan(ctx, units)
    _progress(ctx, plan, units)
    _inspection(ctx, plan, units)
    # The progress and the inspection above are written directly (with their dates of 2020).
    figures.changed(families=[figures_of_plans.TASK, figures_of_plans.INSP], units=units.values(), campaign=ctx["campaign"])
    ctx["province_plan"] = plan
    return f"kế hoạch {NUMBER} (đã ban hành, {plan.tasks.count()} nhiệm vụ, {plan.tasks.first().assignments.count()}+ việc được giao); {len(events)} sự kiện kỷ niệm."
