"""This year's plan of the province (the demo's current year, campaigns.demo_today): issued early in
the year with tasks for every commune and ward of the map in force (target level commune: 124
units), its report deadlines 10/6 and 20/12, the plans a few communes and wards derived from it (two
issued, one still a draft), and their progress. Every date comes from the demo's clock, so the
plan reads as written this year, before today.

The text is written for the demo (the seed gives only the 2020 plan); the number is the next free
one of the province in the year. Safe to run twice: nothing is written when the province already
has a plan in this year's campaign."""

from __future__ import annotations

import datetime as dt

from campaigns.demo_today import notices_at

TITLE = "Triển khai thực hiện Phong trào thi đua “Dân vận khéo” năm {year}"
BASIS = (
    "Căn cứ hướng dẫn của Ban Chỉ đạo Phong trào thi đua “Dân vận khéo” của tỉnh về tổ chức thực hiện "
    "Phong trào thi đua “Dân vận khéo” năm {year};"
)
INTRO = (
    "Ban Thường trực Ủy ban MTTQ tỉnh Tuyên Quang xây dựng kế hoạch triển khai thực hiện Phong trào thi đua "
    "“Dân vận khéo” năm {year} như sau:"
)
PURPOSES = [
    "Tiếp tục đẩy mạnh Phong trào thi đua “Dân vận khéo” trong hệ thống MTTQ các cấp của tỉnh; phát huy vai trò của "
    "Ủy ban MTTQ các xã, phường và Ban công tác Mặt trận ở khu dân cư sau sắp xếp đơn vị hành chính, tổ chức chính quyền "
    "địa phương hai cấp.",
    "Các nội dung, việc làm, mô hình “Dân vận khéo” đăng ký cụ thể, thiết thực, đo đếm được; kịp thời phát hiện, biểu dương, "
    "nhân rộng gương điển hình ở cơ sở.",
]
CONTENTS = [
    ("1.", "Lựa chọn nội dung, việc làm, mô hình “Dân vận khéo” năm {year}", ""),
    (
        "1.1.",
        "Đối với tập thể:",
        "Ủy ban MTTQ các xã, phường bám sát nhiệm vụ chính trị của địa phương sau sắp xếp để lựa chọn nội dung, mô hình "
        "“Dân vận khéo” phù hợp, ưu tiên các việc ở khu dân cư.",
    ),
    (
        "1.2.",
        "Đối với cá nhân:",
        "Cán bộ, đảng viên đăng ký việc làm “Dân vận khéo” cụ thể, gắn với chức trách, nhiệm vụ và địa bàn được phân công.",
    ),
    (
        "2.",
        "Tuyên truyền, nhân rộng gương điển hình",
        "Giới thiệu gương điển hình “Dân vận khéo” trên Trang thông tin điện tử Ủy ban MTTQ tỉnh, hệ thống truyền thanh cơ sở; "
        "sơ kết 6 tháng, tổng kết năm việc thực hiện Phong trào.",
    ),
]
PROVINCE_SECTION = "Ủy ban MTTQ tỉnh"
COMMUNE_SECTION = "Ủy ban MTTQ các xã, phường"
# (text, kind, due so many days after the plan's date; None: the province's at 20/12, the communes' at 30/11)
PROVINCE_TASKS = [
    ("Hướng dẫn Ủy ban MTTQ các xã, phường xây dựng kế hoạch và tổ chức đăng ký “Dân vận khéo” năm {year}.", "action", 20),
    (
        "Theo dõi, đôn đốc, kiểm tra việc thực hiện Phong trào ở các xã, phường; tổng hợp báo cáo gửi Ban Dân vận Tỉnh ủy.",
        "action",
        None,
    ),
]
COMMUNE_TASKS = [
    (
        "Xây dựng kế hoạch triển khai Phong trào thi đua “Dân vận khéo” năm {year} của xã, phường, căn cứ kế hoạch này.",
        "plan",
        30,
    ),
    (
        "Hướng dẫn cán bộ, đảng viên, các chi hội và Ban công tác Mặt trận ở khu dân cư đăng ký nội dung, việc làm, "
        "mô hình “Dân vận khéo” năm {year}.",
        "action",
        50,
    ),
    (
        "Giới thiệu ít nhất 01 gương điển hình “Dân vận khéo” ở khu dân cư; viết tin, bài gửi Trang thông tin điện tử "
        "Ủy ban MTTQ tỉnh.",
        "action",
        None,
    ),
]
REPORT_TASKS = [
    "Gửi báo cáo sơ kết 6 tháng đầu năm {year} thực hiện Phong trào thi đua “Dân vận khéo” về Ban Thường trực Ủy ban MTTQ tỉnh (qua Ban Tuyên giáo)",
    "Gửi báo cáo tổng kết năm {year} thực hiện Phong trào thi đua “Dân vận khéo” về Ban Thường trực Ủy ban MTTQ tỉnh (qua Ban Tuyên giáo)",
]
CLOSING = (
    "Đề nghị Ban Thường trực Ủy ban MTTQ các xã, phường căn cứ nội dung kế hoạch này triển khai thực hiện; báo cáo sơ kết "
    "6 tháng gửi trước ngày 10/6/{year}, báo cáo tổng kết năm gửi trước ngày 20/12/{year} về Ban Thường trực Ủy ban MTTQ tỉnh "
    "(qua Ban Tuyên giáo)."
)
RECIPIENTS = ["Ban Dân vận Tỉnh ủy", "BTT Ủy ban MTTQ tỉnh", "BTT MTTQ các xã, phường", "Lưu VT, Ban Tuyên giáo"]
SIGNER = ("TM. BAN THƯỜNG TRỰC", "PHÓ CHỦ TỊCH", "Hoàng Thị Thanh Hương")

# The communes' own plans: (unit code, officer, number, clock fraction of the issue, None: left as a draft).
DERIVED = [
    ("00694", "hagiang1", "02/KH-MTTQ", 0.13),
    ("02215", "minhxuan", "03/KH-MTTQ", 0.15),
    ("00691", "hagiang2", "", None),
]
# Progress reported by communes: (unit code, officer, task index in COMMUNE_TASKS, status, text, clock fraction).
PROGRESS = [
    (
        "00694",
        "hagiang1",
        1,
        "done",
        "Đã hướng dẫn 12 tổ dân phố đăng ký; 100% cán bộ, đảng viên cơ quan đã đăng ký việc làm “Dân vận khéo”.",
        0.2,
    ),
    (
        "00694",
        "hagiang1",
        2,
        "in_progress",
        "Đã giới thiệu Ban công tác Mặt trận tổ 7; đang viết bài gửi Trang thông tin điện tử.",
        0.8,
    ),
    ("02215", "minhxuan", 1, "done", "Đã hướng dẫn các tổ dân phố đăng ký; tổng hợp 9 nội dung, 3 mô hình.", 0.24),
    ("00691", "hagiang2", 1, "in_progress", "Đã hướng dẫn ở cơ quan; đang tổng hợp đăng ký của các tổ dân phố.", 0.3),
    ("02212", "nongtien", 0, "done", "Đã ban hành Kế hoạch số 04/KH-MTTQ (văn bản giấy, gửi kèm).", 0.16),
    (
        "02536",
        "xasonduong",
        1,
        "done",
        "Đã hướng dẫn 24 thôn đăng ký; 100% Ban công tác Mặt trận thôn có nội dung đăng ký.",
        0.26,
    ),
    ("02536", "xasonduong", 2, "in_progress", "Đang hoàn thiện bài viết về Chi hội nông dân thôn Cầu Trầu.", 0.7),
    ("00721", "dongvan", 0, "in_progress", "Đang xin ý kiến Đảng ủy xã về dự thảo kế hoạch.", 0.2),
]


def _plan(ctx, clock, province):
    from plans.models import PlanSection, PlanTask, TargetLevel
    from plans.services import plans as plan_services
    from plans.services.plan_lifecycle import plan_issue

    year, campaign, tinh = clock.year, ctx["campaign_today"], ctx["users"]["tinh"]
    issued_at = clock.at(0.10, 15)
    issued_on = issued_at.date()
    fmt = {"year": year}
    plan = plan_services.plan_create(
        unit=province, campaign=campaign, by=tinh, board="Ban Thường trực",
        number=plan_services.number_suggestion(unit=province, year=year), issued_on=issued_on, place="Tuyên Quang",
        basis=BASIS.format(**fmt), title=TITLE.format(**fmt), intro=INTRO.format(**fmt), closing=CLOSING.format(**fmt),
        recipients="\n".join(RECIPIENTS), signer_authority=SIGNER[0], signer_title=SIGNER[1], signer_name=SIGNER[2],
    )  # fmt: skip
    Section = PlanSection.Part
    plan_services.section_save(plan=plan, by=tinh, part=Section.PURPOSES, position=10, body="\n".join(PURPOSES))
    for i, (number, heading, body) in enumerate(CONTENTS, start=1):
        plan_services.section_save(
            plan=plan, by=tinh, part=Section.CONTENTS, position=i * 10, number=number, heading=heading.format(**fmt), body=body
        )
    own = plan_services.section_save(
        plan=plan, by=tinh, part=Section.IMPLEMENTATION, position=10, number="1.", heading=PROVINCE_SECTION, target_unit=province
    )
    communes = plan_services.section_save(
        plan=plan, by=tinh, part=Section.IMPLEMENTATION, position=20, number="2.", heading=COMMUNE_SECTION,
        target_level=TargetLevel.COMMUNE,
    )  # fmt: skip

    def due(days, otherwise: dt.date) -> dt.date:
        return issued_on + dt.timedelta(days=days) if days is not None else otherwise

    for i, (text, kind, days) in enumerate(PROVINCE_TASKS, start=1):
        on = due(days, dt.date(year, 12, 20))
        plan_services.task_save(plan=plan, by=tinh, section=own, position=i * 10, kind=kind, text=text.format(**fmt), due_on=on)
    for i, (text, kind, days) in enumerate(COMMUNE_TASKS, start=1):
        on = due(days, dt.date(year, 11, 30))
        plan_services.task_save(
            plan=plan, by=tinh, section=communes, position=i * 10, kind=kind, text=text.format(**fmt), due_on=on
        )
    for i, (text, on) in enumerate(zip(REPORT_TASKS, (dt.date(year, 6, 10), dt.date(year, 12, 20)), strict=True), start=1):
        plan_services.task_save(
            plan=plan, by=tinh, section=None, position=i * 10, kind=PlanTask.Kind.REPORT, text=text.format(**fmt),
            target_level=TargetLevel.COMMUNE, due_on=on,
        )  # fmt: skip
    with notices_at(issued_at):
        plan, _ = plan_issue(plan=plan, by=tinh)
    _dated(plan, created=issued_at - dt.timedelta(days=6), issued=issued_at)
    return plan


def _dated(plan, *, created, issued=None):
    from plans.models import Plan, TaskAssignment

    Plan.objects.filter(pk=plan.pk).update(created_at=created, **({"issued_at": issued} if issued else {}))
    if issued:
        TaskAssignment.objects.filter(task__plan=plan).update(created_at=issued)


def _derived(ctx, clock, province_plan):
    from plans.models import Plan
    from plans.services.plan_lifecycle import plan_derive, plan_issue

    units, users = ctx["units_today"], ctx["users"]
    made = []
    for code, username, number, fraction in DERIVED:
        officer = users[username]
        unit = units[code]
        created_at = clock.at((fraction or 0.2) - 0.02, 10)
        plan, _ = plan_derive(parent=province_plan, unit=unit, by=officer)
        if fraction is not None and plan.is_draft:
            issued_at = clock.at(fraction, 16)
            Plan.objects.filter(pk=plan.pk).update(
                number=number, issued_on=issued_at.date(), place=unit.short_name, signer_authority="TM. BAN THƯỜNG TRỰC",
                signer_title="CHỦ TỊCH", signer_name=officer.full_name,
            )  # fmt: skip
            plan.refresh_from_db()
            with notices_at(issued_at):
                plan, _ = plan_issue(plan=plan, by=officer)
            _dated(plan, created=created_at, issued=issued_at)
            from plans.models import TaskUpdate

            # Issuing did the upper plan's "write your plan" task: recorded when it was issued.
            done = TaskUpdate.objects.filter(assignment__unit=unit, assignment__task__plan=province_plan)
            done.update(created_at=issued_at)
            province_plan.tasks.get(kind="plan").assignments.filter(unit=unit).update(done_at=issued_at, last_update_at=issued_at)
        else:
            _dated(plan, created=created_at)
        made.append(plan)
    return made


def _progress(ctx, clock, plan):
    from plans.models import TaskAssignment, TaskUpdate
    from plans.services.followup import assignment_update

    units, users = ctx["units_today"], ctx["users"]
    tasks = list(plan.tasks.filter(section__position=20).order_by("position"))
    for code, username, index, status, text, fraction in PROGRESS:
        assignment = TaskAssignment.objects.get(task=tasks[index], unit=units[code])
        moment = clock.at(fraction, 16)
        with notices_at(moment):
            update = assignment_update(assignment=assignment, by=users[username], text=text, status=status)
        TaskUpdate.objects.filter(pk=update.pk).update(created_at=moment)
        TaskAssignment.objects.filter(pk=assignment.pk).update(
            last_update_at=moment, done_at=moment if status == "done" else None
        )


def load(ctx):
    from core import figures
    from plans import figures as figures_of_plans
    from plans.models import Plan

    campaign = ctx.get("campaign_today")
    if campaign is None:
        return None
    clock = ctx["clock"]
    province = ctx["units_today"]["08"]
    existing = Plan.objects.filter(campaign=campaign, unit=province).order_by("id").first()
    if existing is not None:
        ctx["province_plan_today"] = existing
        return f"kế hoạch năm {campaign.year} của tỉnh đã có ({existing.number})."
    plan = _plan(ctx, clock, province)
    lower = _derived(ctx, clock, plan)
    _progress(ctx, clock, plan)
    # Dates were written directly above: the follow-up figures are counted again.
    figures.changed(families=[figures_of_plans.TASK], units=list(ctx["units_today"].values()), campaign=campaign)
    ctx["province_plan_today"] = plan
    issued = sum(1 for p in lower if p.is_issued)
    return (
        f"kế hoạch {plan.number} năm {campaign.year} (đã ban hành, {plan.tasks.count()} nhiệm vụ, "
        f"{plan.tasks.get(kind='plan').assignments.count()} xã, phường được giao); {issued} kế hoạch cấp xã đã ban hành, "
        f"{len(lower) - issued} dự thảo."
    )
