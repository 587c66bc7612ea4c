"""Demo reporting periods of 2020 and district reports in every state, walked through the services
with June 2020 times (so versions, timeliness, events and notifications are what the portal would
have recorded).

The province's six-month period (due 10/6/2020) has: Thành phố Tuyên Quang accepted; Lâm Bình
returned, corrected and accepted (two versions); Yên Sơn sent on time, awaiting review; Hàm Yên
returned with comments; Chiêm Hóa sent two days late; Sơn Dương drafting; Na Hang missing. Huyện
Sơn Dương also asked its communes for a six-month report (due 5/6/2020): Xã Tân Trào has sent
it. The annual period (due 20/12/2020) is open with no report yet. Running it twice changes
nothing: periods are found by (campaign, kind, receiving unit) and reports by (period, unit).
"""

import datetime as dt
from zoneinfo import ZoneInfo

from accounts.models import Membership, User
from core.roles import Role
from reports import services
from reports.models import ConsolidatedReport, Report, ReportingPeriod

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# Who signs each demo report (fictional names).
SIGNERS = {
    "070": "Nguyễn Thị Thu Hà", "071": "Ma Văn Thành", "073": "Hoàng Văn Lợi", "074": "Lý Thị Hồng",
    "075": "Phạm Văn Trung", "076": "Trần Minh Tuấn", "02545": "Lê Văn Hòa",
}  # fmt: skip


def at(day: str, hour: int, minute: int = 0) -> dt.datetime:
    d = dt.date.fromisoformat(day)
    return dt.datetime(d.year, d.month, d.day, hour, minute, tzinfo=TZ)


def _text(unit_name: str, extra: str = "") -> dict:
    place = unit_name.replace("Huyện ", "huyện ").replace("Thành phố ", "thành phố ").replace("Xã ", "xã ")
    return {
        "results": (
            f"Ban Thường trực Ủy ban MTTQ {place} đã ban hành kế hoạch triển khai Phong trào thi đua “Dân vận khéo” năm 2020, "
            "hướng dẫn Ủy ban MTTQ các xã, thị trấn xây dựng kế hoạch và tổ chức cho cán bộ, đảng viên đăng ký nội dung, "
            "việc làm “Dân vận khéo” gắn với nhiệm vụ chính trị của địa phương.\n"
            "Công tác tuyên truyền được đẩy mạnh qua hệ thống truyền thanh cơ sở, các hội nghị của Mặt trận và đoàn thể; "
            "đội ngũ báo cáo viên, tuyên truyền viên đã phổ biến gương điển hình “Dân vận khéo” tới các khu dân cư.\n"
            "Việc tham gia giám sát thực hiện Chương trình mục tiêu Quốc gia xây dựng nông thôn mới được duy trì; các mô hình "
            "khu dân cư tự quản tiếp tục phát huy hiệu quả." + (f"\n{extra}" if extra else "")
        ),
        "limitations": (
            "Một số cơ sở đăng ký nội dung còn chung chung, chưa có chỉ tiêu đo đếm được; việc cập nhật tiến độ trên cổng "
            "thông tin còn chậm.\nNguyên nhân: cán bộ Mặt trận cơ sở kiêm nhiệm nhiều việc, một số nơi chưa quen sử dụng cổng."
        ),
        "lessons": "Cần bám sát nhiệm vụ chính trị của địa phương khi lựa chọn nội dung; phát huy vai trò người có uy tín trong cộng đồng.",
        "directions": (
            "Tiếp tục hướng dẫn cơ sở hoàn thiện đăng ký; đẩy mạnh tuyên truyền chào mừng kỷ niệm 90 năm Ngày truyền thống "
            "công tác Dân vận của Đảng và 90 năm Ngày truyền thống MTTQ Việt Nam; chuẩn bị tổng kết năm."
        ),
        "proposals": "Đề nghị Ban Thường trực Ủy ban MTTQ tỉnh tổ chức tập huấn sử dụng cổng thông tin cho cán bộ cấp xã.",
    }


def _author(ctx, code: str) -> User:
    """An active officer of the unit; units without one get an author account that cannot log in."""
    unit = ctx["units"][code]
    membership = Membership.objects.active().filter(unit=unit, role=Role.OFFICER).select_related("user").order_by("id").first()
    if membership is not None:
        return membership.user
    user, created = User.objects.get_or_create(
        username=f"baocao.{code}", defaults={"full_name": f"Văn phòng Ủy ban MTTQ {unit.name_in_sentence}"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(
        user=user, unit=unit, role=Role.OFFICER, defaults={"position": "Văn phòng (tài khoản trình diễn)"}
    )
    return user


def _period(ctx, kind, *, receiver, title, covers, due, by) -> tuple[ReportingPeriod, bool]:
    unit = ctx["units"][receiver]
    existing = ReportingPeriod.objects.filter(campaign=ctx["campaign"], kind=kind, receiving_unit=unit).first()
    if existing is not None:
        return existing, False
    data = {
        "campaign": ctx["campaign"], "kind": kind, "title": title, "covers_from": dt.date.fromisoformat(covers[0]),
        "covers_to": dt.date.fromisoformat(covers[1]), "due_on": dt.date.fromisoformat(due), "receiving_unit": unit,
        "audience": ReportingPeriod.Audience.CHILDREN, "instructions": "",
    }  # fmt: skip
    return services.period_create(by=by, data=data), True


def _walk(ctx, period, code, steps, *, number="", extra=""):
    unit = ctx["units"][code]
    if Report.objects.filter(period=period, unit=unit).exists():
        return
    author = _author(ctx, code)
    reviewer = ctx["users"]["tuyengiao"]
    text = _text(unit.name, extra)
    data = {
        **text,
        "number": number,
        "signer_authority": "TM. BAN THƯỜNG TRỰC",
        "signer_title": "PHÓ CHỦ TỊCH",
        "signer_name": SIGNERS.get(code, ""),
    }
    report = services.report_save(period=period, unit=unit, by=author, expected_version=0, data=data)
    for step, when, *args in steps:
        moment = at(*when)
        if step == "submit":
            change = args[0] if args else {}
            report = services.report_submit(
                period=period, unit=unit, by=author, expected_version=report.version, data=change, now=moment
            )
        elif step == "return":
            report = services.report_return(
                report=report, by=reviewer, expected_version=report.version, comment=args[0], now=moment
            )
        elif step == "accept":
            report = services.report_accept(
                report=report, by=reviewer, expected_version=report.version, comment=args[0] if args else "", now=moment
            )


def load(ctx):
    tinh = ctx["users"]["tinh"]
    six, created_six = _period(
        ctx, ReportingPeriod.Kind.SIX_MONTH, receiver="08", title="Báo cáo sơ kết 6 tháng đầu năm 2020",
        covers=("2020-01-01", "2020-05-31"), due="2020-06-10", by=tinh,
    )  # fmt: skip
    _annual, created_annual = _period(
        ctx, ReportingPeriod.Kind.ANNUAL, receiver="08", title="Báo cáo tổng kết năm 2020",
        covers=("2020-01-01", "2020-11-30"), due="2020-12-20", by=tinh,
    )  # fmt: skip
    _walk(
        ctx,
        six,
        "070",
        [("submit", ("2020-06-05", 9, 15)), ("accept", ("2020-06-08", 14, 0), "Báo cáo đầy đủ, đúng mẫu.")],
        number="18/BC-MTTQ",
    )
    _walk(
        ctx, six, "071",
        [
            ("submit", ("2020-06-08", 10, 30)),
            ("return", ("2020-06-09", 8, 45), "Đề nghị bổ sung kết quả giám sát nông thôn mới tại các xã và số liệu mô hình."),
            ("submit", ("2020-06-10", 16, 20), {"results": _text("Huyện Lâm Bình", "Đã giám sát việc thực hiện tiêu chí nông thôn mới tại 3 xã Thổ Bình, Lăng Can, Phúc Yên; phát hiện và kiến nghị khắc phục 5 tồn tại.")["results"]}),
            ("accept", ("2020-06-11", 9, 0)),
        ],
        number="09/BC-MTTQ",
    )  # fmt: skip
    _walk(ctx, six, "075", [("submit", ("2020-06-09", 16, 40))], number="21/BC-MTTQ")
    _walk(
        ctx, six, "074",
        [("submit", ("2020-06-10", 23, 10)), ("return", ("2020-06-12", 10, 0), "Phần hạn chế, nguyên nhân còn sơ sài; đề nghị nêu cụ thể từng nguyên nhân chủ quan.")],
        number="15/BC-MTTQ",
    )  # fmt: skip
    _walk(ctx, six, "073", [("submit", ("2020-06-12", 8, 5))], number="26/BC-MTTQ")
    if not Report.objects.filter(period=six, unit=ctx["units"]["076"]).exists():
        sonduong = ctx["users"]["sonduong"]
        draft = _text("Huyện Sơn Dương")
        services.report_save(
            period=six, unit=ctx["units"]["076"], by=sonduong, expected_version=0,
            data={"results": draft["results"], "signer_authority": "TM. BAN THƯỜNG TRỰC", "signer_title": "PHÓ CHỦ TỊCH", "signer_name": sonduong.full_name},
        )  # fmt: skip
    # Huyện Sơn Dương asks its communes for a six-month report; Xã Tân Trào has sent it.
    communes, _ = _period(
        ctx, ReportingPeriod.Kind.SIX_MONTH, receiver="076", title="Báo cáo sơ kết 6 tháng đầu năm 2020 (các xã, thị trấn huyện Sơn Dương)",
        covers=("2020-01-01", "2020-05-31"), due="2020-06-05", by=ctx["users"]["sonduong"],
    )  # fmt: skip
    _walk(ctx, communes, "02545", [("submit", ("2020-06-04", 15, 30))], number="07/BC-MTTQ")
    summary_created = False
    if not ConsolidatedReport.objects.filter(period=six).exists():
        services.summary_save(
            period=six, by=tinh, expected_version=0,
            data={
                "number": "",
                "results": (
                    "Ban Thường trực Ủy ban MTTQ tỉnh đã ban hành kế hoạch triển khai Phong trào thi đua "
                    "“Dân vận khéo” năm 2020; 7/7 huyện, thành phố đã xây dựng kế hoạch và hướng dẫn cơ sở đăng ký nội dung, "
                    "việc làm, mô hình “Dân vận khéo”.\nMô hình “Dân vận khéo” năm 2020 của Ủy ban MTTQ tỉnh tại 10 xã về đích "
                    "nông thôn mới đang được triển khai theo kế hoạch."
                ),
                "signer_authority": "TM. BAN THƯỜNG TRỰC", "signer_title": "PHÓ CHỦ TỊCH", "signer_name": tinh.full_name,
            },
        )  # fmt: skip
        summary_created = True
    total = Report.objects.filter(period__campaign=ctx["campaign"]).count()
    return (
        f"kỳ báo cáo: {'mới' if created_six or created_annual else 'đã có'}; {total} báo cáo"
        f"{', bản nháp báo cáo tổng hợp mới' if summary_created else ''}."
    )
