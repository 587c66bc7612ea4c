"""This year's reports (campaigns.demo_today): the province's two periods carried over by
campaign_open (six-month due 10/6, annual due 20/12, every commune and ward of the map in force must
report), with reports walked through the services at moments around their deadline.

Each step is placed so many days from the deadline; a step whose moment is still to come (or falls
outside this year) has not happened yet, so the demo is what the portal would hold today: once the
six-month deadline has passed, reports sent on time, late, returned, accepted, a draft never sent
and the rest missing; before the annual deadline, a few sent early, a few drafts. A unit whose
report went up has its report task of the province's plan done. Running it twice changes nothing:
a report is found by (period, unit)."""

from __future__ import annotations

from campaigns.demo_today import notices_at
from core.text import lower_first
from reports import services
from reports.models import ConsolidatedReport, Report, ReportingPeriod
from reports.selectors import is_required

# Report steps: (action, days from the deadline, hour, minute[, comment or extra text]).
SIX_MONTH = [
    ("00694", "11/BC-MTTQ", [("save", -12, 15, 0), ("submit", -3, 9, 15), ("accept", -1, 14, 0, "Báo cáo đầy đủ, đúng mẫu.")]),
    ("02215", "14/BC-MTTQ", [("save", -10, 10, 0), ("submit", -5, 10, 30), ("accept", -2, 8, 45)]),
    (
        "02212",
        "09/BC-MTTQ",
        [
            ("save", -9, 14, 0),
            ("submit", -6, 16, 0),
            ("return", -4, 9, 0, "Đề nghị bổ sung số liệu các mô hình “Dân vận khéo” của phường và kết quả giám sát."),
            ("submit", -1, 15, 20, "Đã hoàn thành giám sát việc chỉnh trang 3 tuyến phố; 2 mô hình “Dân vận khéo” được duy trì."),
            ("accept", 1, 9, 0),
        ],
    ),
    ("02509", "17/BC-MTTQ", [("save", -8, 9, 0), ("submit", -1, 16, 40)]),
    (
        "02512",
        "12/BC-MTTQ",
        [
            ("save", -11, 15, 0),
            ("submit", 0, 16, 5),
            ("return", 3, 10, 0, "Phần hạn chế, nguyên nhân còn sơ sài; đề nghị nêu cụ thể từng nguyên nhân chủ quan."),
        ],
    ),
    ("02524", "08/BC-MTTQ", [("save", -7, 8, 30), ("submit", -2, 11, 0), ("accept", 2, 9, 30)]),
    ("02536", "21/BC-MTTQ", [("save", -2, 14, 0), ("submit", 3, 8, 5), ("accept", 5, 14, 0)]),
    ("00691", "06/BC-MTTQ", [("save", 0, 10, 0), ("submit", 9, 10, 10)]),
    ("00721", "05/BC-MTTQ", [("save", 1, 9, 0), ("submit", 16, 9, 0), ("accept", 18, 15, 0)]),
    ("00769", "", [("save", -4, 16, 0)]),  # a draft never sent: the unit is still missing
]
ANNUAL = [
    ("02215", "41/BC-MTTQ", [("save", -20, 9, 0), ("submit", -15, 10, 0), ("accept", -13, 16, 0)]),
    ("00691", "19/BC-MTTQ", [("save", -18, 14, 0), ("submit", -14, 15, 0)]),
    ("02509", "44/BC-MTTQ", [("save", -21, 8, 0), ("submit", -16, 9, 30)]),
    ("00694", "", [("save", -17, 16, 0)]),
    ("02524", "", [("save", -16, 10, 0)]),
    ("02536", "", [("save", -14, 15, 0), ("submit", 2, 10, 0)]),
    ("00721", "", [("save", -9, 9, 0), ("submit", 4, 8, 30)]),
]


def _text(unit, year: int, extra: str = "") -> dict:
    place = unit.name_in_sentence
    return {
        "results": (
            f"Ban Thường trực Ủy ban MTTQ {place} đã ban hành kế hoạch triển khai Phong trào thi đua “Dân vận khéo” năm {year}, "
            "hướng dẫn Ban công tác Mặt trận các thôn, tổ dân phố và cán bộ, đảng viên đăng ký nội dung, việc làm, mô hình "
            "“Dân vận khéo” gắn với nhiệm vụ của địa phương sau sắp xếp đơn vị hành chính.\n"
            "Công tác tuyên truyền được đẩy mạnh qua hệ thống truyền thanh, mạng xã hội và các buổi sinh hoạt ở khu dân cư; "
            "các mô hình tự quản tiếp tục phát huy hiệu quả." + (f"\n{extra}" if extra else "")
        ),
        "limitations": (
            "Một số khu dân cư mới sáp nhập chưa ổn định tổ chức nên việc đăng ký còn chậm; việc cập nhật tiến độ trên cổng "
            "thông tin chưa thường xuyên."
        ),
        "lessons": "Bám sát khu dân cư, phát huy vai trò người có uy tín; đăng ký việc cụ thể, đo đếm được.",
        "directions": "Tiếp tục theo dõi, hỗ trợ các mô hình; lựa chọn gương điển hình để biểu dương, nhân rộng.",
        "proposals": "Đề nghị Ban Thường trực Ủy ban MTTQ tỉnh tổ chức tập huấn nghiệp vụ cho cán bộ Mặt trận cấp xã mới.",
    }


def _author(ctx, unit):
    from accounts.models import Membership
    from core.roles import Role

    membership = Membership.objects.active().filter(unit=unit, role=Role.OFFICER).select_related("user").order_by("id").first()
    return membership.user


def _report_task_done(ctx, period, unit, author, moment) -> None:
    """The province's plan asked for this report: the unit records it as done when it is sent."""
    from plans.models import PlanTask, TaskAssignment, TaskUpdate
    from plans.services.followup import assignment_update

    assignment = (
        TaskAssignment.objects.in_force()
        .filter(unit=unit, task__kind=PlanTask.Kind.REPORT, task__due_on=period.due_on, task__plan__campaign=period.campaign)
        .exclude(status=TaskAssignment.Status.DONE)
        .first()
    )
    if assignment is None:
        return
    text = f"Đã gửi báo cáo {lower_first(period.title)} trên cổng."
    update = assignment_update(assignment=assignment, by=author, text=text, status="done")
    TaskUpdate.objects.filter(pk=update.pk).update(created_at=moment)
    TaskAssignment.objects.filter(pk=assignment.pk).update(last_update_at=moment, done_at=moment)


def _walk(ctx, period, code, number, steps) -> bool:
    """The unit's report, taken through the steps that have happened by now; False when it has not
    been started yet (or exists already)."""
    clock, unit = ctx["clock"], ctx["units_today"][code]
    # In 2025 the six-month report was due before the new map: the 2020 districts sent it, not these units.
    if Report.objects.filter(period=period, unit=unit).exists() or not is_required(period, unit):
        return False
    moments = [clock.around(period.due_on, days, hour, minute) for _action, days, hour, minute, *_rest in steps]
    if moments[0] is None:
        return False
    author, reviewer = _author(ctx, unit), ctx["users"]["tuyengiao"]
    data = {
        **_text(unit, clock.year), "number": number, "signer_authority": "TM. BAN THƯỜNG TRỰC",
        "signer_title": "CHỦ TỊCH", "signer_name": author.full_name,
    }  # fmt: skip
    report = None
    for (action, _days, _hour, _minute, *rest), moment in zip(steps, moments, strict=True):
        if moment is None:
            break  # this step and the next ones are still to come
        with notices_at(moment):
            if action == "save":
                report = services.report_save(period=period, unit=unit, by=author, expected_version=0, data=data)
                Report.objects.filter(pk=report.pk).update(created_at=moment)
            elif action == "submit":
                first = report.submitted_at is None
                change = {"results": _text(unit, clock.year, rest[0])["results"]} if rest else {}
                report = services.report_submit(
                    period=period, unit=unit, by=author, expected_version=report.version, data=change, now=moment
                )
                if first:
                    _report_task_done(ctx, period, unit, author, moment)
            elif action == "return":
                report = services.report_return(
                    report=report, by=reviewer, expected_version=report.version, comment=rest[0], now=moment
                )
            elif action == "accept":
                comment = rest[0] if rest else ""
                report = services.report_accept(
                    report=report, by=reviewer, expected_version=report.version, comment=comment, now=moment
                )
        Report.objects.filter(pk=report.pk).update(updated_at=moment)
    return True


def _summary(ctx, period) -> bool:
    """The province's consolidated report of a period whose deadline has passed: a draft."""
    clock = ctx["clock"]
    moment = clock.around(period.due_on, 6, 15, 0)
    if moment is None or ConsolidatedReport.objects.filter(period=period).exists():
        return False
    tinh = ctx["users"]["tinh"]
    summary = services.summary_save(
        period=period, by=tinh, expected_version=0,
        data={
            "results": (
                f"Ban Thường trực Ủy ban MTTQ tỉnh đã ban hành kế hoạch triển khai Phong trào thi đua “Dân vận khéo” năm "
                f"{clock.year}; các xã, phường đã xây dựng kế hoạch và hướng dẫn đăng ký nội dung, việc làm, mô hình "
                "“Dân vận khéo” ở khu dân cư."
            ),
            "signer_authority": "TM. BAN THƯỜNG TRỰC", "signer_title": "PHÓ CHỦ TỊCH", "signer_name": tinh.full_name,
        },
    )  # fmt: skip
    ConsolidatedReport.objects.filter(pk=summary.pk).update(updated_at=moment)
    return True


def load(ctx):
    campaign = ctx.get("campaign_today")
    if campaign is None:
        return None
    province = ctx["units_today"]["08"]
    periods = {p.kind: p for p in ReportingPeriod.objects.filter(campaign=campaign, receiving_unit=province)}
    made = 0
    for kind, plan in ((ReportingPeriod.Kind.SIX_MONTH, SIX_MONTH), (ReportingPeriod.Kind.ANNUAL, ANNUAL)):
        period = periods.get(kind)
        if period is None:
            continue
        for code, number, steps in plan:
            made += _walk(ctx, period, code, number, steps)
    summaries = sum(_summary(ctx, p) for p in periods.values())
    reports = Report.objects.filter(period__campaign=campaign)
    sent = reports.filter(submitted_at__isnull=False).count()
    return (
        f"{made} báo cáo mới năm {campaign.year} (tổng {reports.count()}, đã gửi {sent})"
        f"{f', {summaries} dự thảo báo cáo tổng hợp' if summaries else ''}."
    )
