"""The record of urging, the reminder schedule page, the home section for provincial staff."""

import datetime as dt

from django.utils import timezone

from notifications.models import EmailDelivery, Notification
from reminders.models import Reminder, ReminderPolicy
from reminders.services import reminder_policies
from reminders.sweep import sweep


def test_provincial_staff_see_who_was_reminded_when_of_what_and_whether_it_reached_them(
    six_month, submit, at, client_for, django_capture_on_commit_callbacks
):
    submit(six_month, "076")
    at(2020, 6, 7)
    with django_capture_on_commit_callbacks(execute=True):
        sweep()
    at(2020, 6, 11)
    with django_capture_on_commit_callbacks(execute=True):
        sweep()
    nahang_notice = Notification.objects.get(recipient__username="nahang", kind="deadline_overdue")
    nahang_notice.read_at = timezone.now()
    nahang_notice.save()
    EmailDelivery.objects.filter(recipient__username="chiemhoa", notification__kind="deadline_overdue").update(
        status="failed", error="SMTPRecipientsRefused: hộp thư không tồn tại"
    )
    html = client_for("tinh").get("/thong-bao/nhac-han/").content.decode()
    assert "12 lần nhắc · 12 đã gửi · 6 báo quá hạn" in html
    assert "Huyện Na Hang" in html and "Sơ kết 6 tháng năm 2020" in html
    assert "Nhắc trước hạn 3 ngày" in html and "Báo quá hạn 1 ngày" in html
    assert "Ma Thị Lan · đã đọc" in html
    assert "e-mail lỗi" in html and "hộp thư không tồn tại" in html
    assert "Cấp trên (Tỉnh Tuyên Quang):" in html and "Hoàng Thị Thanh Hương · chưa đọc" in html
    assert "Huyện Sơn Dương" not in html


def test_filters_narrow_the_record(six_month, at, client_for):
    at(2020, 6, 7)
    sweep()
    at(2020, 6, 11)
    sweep()
    client = client_for("tinh")
    overdue = client.get("/thong-bao/nhac-han/?buoc=qua").content.decode()
    assert "7 lần nhắc" in overdue and "Nhắc trước hạn 3 ngày" not in overdue
    one = client.get("/thong-bao/nhac-han/?q=na+hang").content.decode()
    assert "2 lần nhắc" in one
    day = client.get("/thong-bao/nhac-han/?tu=2020-06-07&den=2020-06-07").content.decode()
    assert "7 lần nhắc" in day and "Báo quá hạn 1 ngày" not in day
    bad = client.get("/thong-bao/nhac-han/?tu=2020-06-11&den=2020-06-07").content.decode()
    assert "“Đến ngày” phải sau hoặc bằng “Từ ngày”." in bad
    subject = client.get(f"/thong-bao/nhac-han/?loai=report&ma={Reminder.objects.first().subject_id}").content.decode()
    assert "14 lần nhắc" in subject


def test_a_district_officer_sees_only_the_reminders_of_their_own_subtree(six_month, at, client_for):
    at(2020, 6, 7)
    sweep()
    html = client_for("nahang").get("/thong-bao/nhac-han/").content.decode()
    assert "1 lần nhắc" in html and "Huyện Na Hang" in html and "Huyện Hàm Yên" not in html
    assert "Lịch nhắc hạn" not in html  # the schedule belongs to provincial staff


def test_the_record_runs_a_fixed_number_of_queries(staffed, at, client_for, django_assert_max_num_queries):
    from reminders.demo import ensure_district_officers
    from units.models import Unit

    ensure_district_officers(staffed.units)
    at(2020, 6, 11)
    communes = list(Unit.objects.filter(level="commune")[:60])
    for i, commune in enumerate(communes):
        r = Reminder.objects.create(
            subject_kind="task",
            subject_id=i + 1,
            unit=commune,
            due_on=dt.date(2020, 6, 10),
            step=1,
            upper_unit=commune.parent,
            subject_title=f"Nhiệm vụ {i}",
            status="sent",
            swept_on=dt.date(2020, 6, 11),
            claim_token="x",
            claimed_at=timezone.now(),
        )
        n = Notification.objects.create(recipient=staffed.users["tinh"], kind="deadline_overdue_below", title="x")
        EmailDelivery.objects.create(notification=n, recipient=staffed.users["tinh"], kind="x", to="t@x.vn", status="sent")
        r.notifications.add(n)
    client = client_for("tinh")
    client.get("/thong-bao/nhac-han/")
    with django_assert_max_num_queries(12):
        response = client.get("/thong-bao/nhac-han/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nhiệm vụ 59" in html and "Trang 1 / 2" in html


def test_provincial_staff_change_the_steps(staffed, client_for):
    client = client_for("tinh")
    page = client.get("/thong-bao/nhac-han/lich/").content.decode()
    assert "Ví dụ với hạn 10/6/2020" in page and "27/5/2020: nhắc trước hạn 14 ngày" in page
    policy = ReminderPolicy.objects.get(subject_kind="task")
    response = client.post(
        "/thong-bao/nhac-han/lich/",
        {
            "loai": "task",
            "task-is_active": "on",
            "task-days_before": "10; 2, 10",
            "task-days_after": "3",
            "task-version": policy.version,
        },
    )
    assert response.status_code == 302
    policy.refresh_from_db()
    assert (policy.days_before, policy.on_due_day, policy.days_after) == ("10, 2", False, "3")
    assert policy.offsets() == [-10, -2, 3]
    assert policy.updated_by == staffed.users["tinh"]
    assert policy.history.first().history_user == staffed.users["tinh"]


def test_bad_steps_are_refused_with_a_clear_message_and_the_input_kept(staffed, client_for):
    client = client_for("tinh")
    policy = next(p for p in reminder_policies() if p.subject_kind == "report")
    html = client.post(
        "/thong-bao/nhac-han/lich/",
        {
            "loai": "report",
            "report-is_active": "on",
            "report-days_before": "7, ba",
            "report-days_after": "1",
            "report-version": policy.version,
        },
    ).content.decode()
    assert "“ba” không phải là một số ngày" in html and 'value="7, ba"' in html
    html = client.post(
        "/thong-bao/nhac-han/lich/",
        {
            "loai": "report",
            "report-is_active": "on",
            "report-days_before": "",
            "report-days_after": "",
            "report-version": policy.version,
        },
    ).content.decode()
    assert "ít nhất một bước nhắc" in html
    policy.refresh_from_db()
    assert policy.days_before == "14, 7, 3, 1"


def test_a_stale_schedule_form_is_refused_and_shows_what_changed(staffed, client_for):
    policy = next(p for p in reminder_policies() if p.subject_kind == "report")
    loaded = policy.version
    data = {
        "loai": "report",
        "report-is_active": "on",
        "report-days_before": "7",
        "report-days_after": "1",
        "report-version": loaded,
    }
    assert client_for("tinh").post("/thong-bao/nhac-han/lich/", data).status_code == 302
    data["report-days_before"] = "5"
    html = client_for("tinh").post("/thong-bao/nhac-han/lich/", data).content.decode()
    assert "Người khác vừa lưu lịch này" in html and 'value="5"' in html
    policy.refresh_from_db()
    assert policy.days_before == "7"


def test_home_shows_provincial_staff_what_the_sweep_did_today(six_month, at, client_for):
    at(2020, 6, 11)
    sweep()
    html = client_for("tinh").get("/").content.decode()
    assert "Nhắc hạn hôm nay" in html and "7 lượt báo quá hạn" in html
    assert "tu=2020-06-11&amp;den=2020-06-11&amp;buoc=qua" in html
    assert "Nhắc hạn hôm nay" not in client_for("nahang").get("/").content.decode()
    at(2020, 6, 13)  # no sweep sent anything since: the last one is shown with its day
    client = client_for("tinh")
    client.force_login(six_month.receiving_unit.memberships.get(role="province_staff").user)  # the session of 11/6 has expired
    html = client.get("/").content.decode()
    assert "Nhắc hạn gần nhất (ngày 11/6/2020)" in html and "7 lượt báo quá hạn" in html
