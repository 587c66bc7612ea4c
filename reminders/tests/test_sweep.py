"""The deadline sweep's choices at each step and day boundary, running twice, missed days."""

import datetime as dt

import pytest
from django.core import mail

from notifications.models import EmailDelivery, Notification
from reminders.models import Reminder, ReminderPolicy
from reminders.steps import DEFAULT_OFFSETS, due_step
from reminders.sweep import sweep
from reminders.tests.conftest import DISTRICTS

OTHER_SIX = [c for c in DISTRICTS if c != "076"]


def names(result):
    return sorted(line.unit for line in result.lines)


def unit_names(world, codes):
    return sorted(world.units[c].name for c in codes)


def test_due_step_is_the_last_step_on_or_before_the_day():
    due = dt.date(2020, 6, 10)
    assert DEFAULT_OFFSETS == [-14, -7, -3, -1, 0, 1, 7]
    assert due_step(due, dt.date(2020, 5, 26), DEFAULT_OFFSETS) is None
    assert due_step(due, dt.date(2020, 5, 27), DEFAULT_OFFSETS) == -14
    assert due_step(due, dt.date(2020, 6, 2), DEFAULT_OFFSETS) == -14
    assert due_step(due, dt.date(2020, 6, 7), DEFAULT_OFFSETS) == -3
    assert due_step(due, dt.date(2020, 6, 10), DEFAULT_OFFSETS) == 0
    assert due_step(due, dt.date(2020, 6, 11), DEFAULT_OFFSETS) == 1
    assert due_step(due, dt.date(2020, 6, 30), DEFAULT_OFFSETS) == 7


def test_on_7_june_the_six_districts_that_have_not_reported_get_the_3_day_reminder(
    six_month, submit, officers, world, at, django_capture_on_commit_callbacks
):
    submit(six_month, "076")
    at(2020, 6, 7)
    with django_capture_on_commit_callbacks(execute=True):
        result = sweep()
    assert names(result) == unit_names(world, OTHER_SIX)
    assert {line.step for line in result.lines} == {-3}
    for code in OTHER_SIX:
        (officer,) = officers(code)
        (n,) = Notification.objects.filter(recipient=officer)
        assert n.kind == "deadline_reminder"
        assert n.title == "Còn 3 ngày đến hạn gửi báo cáo “Sơ kết 6 tháng năm 2020” (hạn 10/6/2020)"
    assert not Notification.objects.filter(recipient__in=officers("076")).exists()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(officers(c)[0].email for c in OTHER_SIX)
    assert Reminder.objects.filter(status="sent", step=-3).count() == 6


def test_running_the_sweep_again_the_same_day_sends_nothing(six_month, submit, at, django_capture_on_commit_callbacks):
    submit(six_month, "076")
    at(2020, 6, 7)
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep().total == 6
    at(2020, 6, 7, 15, 30)
    with django_capture_on_commit_callbacks(execute=True):
        again = sweep()
    assert again.total == 0 and again.busy == 0
    assert Notification.objects.count() == 6 and len(mail.outbox) == 6
    at(2020, 6, 8)  # still the 3-day step: nothing new either
    assert sweep().total == 0


def test_on_11_june_overdue_notices_reach_the_six_districts_and_one_digest_reaches_the_province(
    six_month, submit, officers, world, at, django_capture_on_commit_callbacks
):
    submit(six_month, "076")
    at(2020, 6, 7)
    sweep()
    at(2020, 6, 11)
    with django_capture_on_commit_callbacks(execute=True):
        result = sweep()
    assert names(result) == unit_names(world, OTHER_SIX)
    assert {line.step for line in result.lines} == {1}
    for code in OTHER_SIX:
        (officer,) = officers(code)
        overdue = Notification.objects.get(recipient=officer, kind="deadline_overdue")
        assert overdue.title == "Quá hạn 1 ngày: chưa gửi báo cáo “Sơ kết 6 tháng năm 2020” (hạn 10/6/2020)"
    (digest,) = Notification.objects.filter(recipient=world.users["tinh"])
    assert digest.kind == "deadline_overdue_below"
    assert digest.title == "6 đơn vị chưa gửi báo cáo “Sơ kết 6 tháng năm 2020”, quá hạn 1 ngày"
    for code in OTHER_SIX:
        assert f"- {world.units[code].name}" in digest.body
    assert "Huyện Sơn Dương" not in digest.body
    # Each overdue reminder links to its unit's notice and to the province's digest.
    reminder = Reminder.objects.get(unit=world.units["072"], step=1)
    assert {n.recipient.username for n in reminder.notifications.all()} == {"nahang", "tinh"}
    assert reminder.upper_unit == world.units["08"]
    # Neither the observer nor the reviewer nor the district that reported hears of it.
    for username in ("quansat", "tuyengiao", "sonduong", "canbo", "tantrao"):
        assert not Notification.objects.filter(recipient=world.users[username]).exists()
    assert EmailDelivery.objects.filter(recipient=world.users["tinh"], status="sent").count() == 1
    at(2020, 6, 11, 18)
    assert sweep().total == 0


@pytest.mark.parametrize(
    ("moment", "step"),
    [((2020, 6, 9, 23, 59), -1), ((2020, 6, 10, 0, 1), 0), ((2020, 6, 10, 23, 59), 0), ((2020, 6, 11, 0, 1), 1)],
)
def test_the_local_day_decides_the_step(six_month, at, moment, step):
    at(*moment)
    result = sweep()
    assert result.total == 7 and {line.step for line in result.lines} == {step}


def test_a_day_boundary_between_two_runs_sends_the_next_step_once(six_month, at):
    at(2020, 6, 9, 23, 59)
    assert {line.step for line in sweep().lines} == {-1}
    at(2020, 6, 10, 0, 1)
    assert {line.step for line in sweep().lines} == {0}
    assert sweep().total == 0
    assert Reminder.objects.filter(step=-1).count() == 7 and Reminder.objects.filter(step=0).count() == 7


def test_after_missed_days_only_the_latest_due_step_is_sent(six_month, officers, at):
    at(2020, 6, 9)  # the sweep did not run on 27/5, 3/6 and 7/6 (Redis down)
    result = sweep()
    assert {line.step for line in result.lines} == {-1}
    assert set(Reminder.objects.values_list("step", flat=True)) == {-1}
    (officer,) = officers("072")
    assert Notification.objects.filter(recipient=officer).count() == 1
    # The text counts the days really left, not the nominal step.
    at(2020, 6, 5)
    Reminder.objects.all().delete()
    Notification.objects.all().delete()
    sweep()
    assert Notification.objects.get(recipient=officer).title.startswith("Còn 5 ngày đến hạn")


def test_an_earlier_step_is_not_sent_after_a_later_one(six_month, at):
    at(2020, 6, 10)
    assert sweep().total == 7
    at(2020, 6, 9)  # someone runs the sweep for an earlier day by hand
    assert sweep().total == 0


def test_nothing_before_the_first_step_and_nothing_for_deadlines_long_past(six_month, at):
    at(2020, 5, 26)
    assert sweep().total == 0
    at(2020, 8, 1)  # the last step (17/6) is more than 30 days back
    assert sweep().total == 0
    at(2020, 7, 10)  # within 30 days of 17/6: the overdue notice of 7 days goes out once
    assert {line.step for line in sweep().lines} == {7}


def test_a_report_sent_makes_the_unit_drop_out_and_a_closed_period_sends_nothing(six_month, submit, at):
    submit(six_month, "072", when=dt.datetime(2020, 6, 6, 10, tzinfo=dt.UTC))
    at(2020, 6, 7)
    assert "Huyện Na Hang" not in names(sweep())
    six_month.status = "closed"
    six_month.save()
    at(2020, 6, 9)
    assert sweep().total == 0


def test_run_for_a_past_day_a_report_sent_later_still_counts_as_missing(six_month, submit, at):
    submit(six_month, "072", when=dt.datetime(2020, 6, 8, 3, tzinfo=dt.UTC))
    at(2020, 6, 20)
    result = sweep(day=dt.date(2020, 6, 7))
    assert "Huyện Na Hang" in names(result) and {line.step for line in result.lines} == {-3}


def test_steps_are_configurable_and_a_policy_can_be_switched_off(six_month, at):
    ReminderPolicy.objects.update_or_create(
        subject_kind="report", defaults={"days_before": "5", "on_due_day": False, "days_after": "2"}
    )
    at(2020, 6, 7)
    assert {line.step for line in sweep().lines} == {-5}
    at(2020, 6, 11)
    assert sweep().total == 0  # no due-day step and no 1-day step: the 5-day one was sent
    at(2020, 6, 12)
    assert {line.step for line in sweep().lines} == {2}
    ReminderPolicy.objects.filter(subject_kind="report").update(is_active=False)
    Reminder.objects.all().delete()
    assert sweep().total == 0


def test_a_unit_without_officers_is_recorded_and_its_overdue_notice_still_reaches_the_level_above(six_month, world, at):
    from accounts.models import Membership

    Membership.objects.filter(unit=world.units["071"]).update(is_active=False)
    at(2020, 6, 7)
    result = sweep()
    line = next(x for x in result.lines if x.unit == "Huyện Lâm Bình")
    assert line.recipients == []
    assert "(không có người nhận)" in str(line)
    assert Reminder.objects.get(unit=world.units["071"]).status == "no_recipients"
    at(2020, 6, 11)
    sweep()
    overdue = Reminder.objects.get(unit=world.units["071"], step=1)
    assert overdue.status == "sent"
    assert [n.recipient.username for n in overdue.notifications.all()] == ["tinh"]


def test_email_off_for_reminders_keeps_the_notice_in_the_app(six_month, officers, at, django_capture_on_commit_callbacks):
    from notifications.models import Preference

    (officer,) = officers("072")
    Preference.objects.create(user=officer, kind="deadline_reminder", email=False)
    at(2020, 6, 7)
    with django_capture_on_commit_callbacks(execute=True):
        sweep()
    assert Notification.objects.filter(recipient=officer).count() == 1
    assert not EmailDelivery.objects.filter(recipient=officer).exists()
    assert len(mail.outbox) == 6


def test_dry_run_writes_nothing_and_lists_what_would_be_sent(six_month, submit, at):
    submit(six_month, "076")
    at(2020, 6, 11)
    preview = sweep(dry_run=True)
    assert preview.total == 6
    assert Reminder.objects.count() == 0 and Notification.objects.count() == 0
    line = next(x for x in preview.lines if x.unit == "Huyện Na Hang")
    assert line.recipients == ["Ma Thị Lan <nahang@mttq-tuyenquang.local>", "Hoàng Thị Thanh Hương <tinh@mttq-tuyenquang.local>"]
    real = sweep()
    assert [str(x) for x in real.lines] == [str(x) for x in preview.lines]


def test_the_reminder_email_is_vietnamese_html_and_text_with_a_link(six_month, at, django_capture_on_commit_callbacks):
    at(2020, 6, 11)
    with django_capture_on_commit_callbacks(execute=True):
        sweep()
    digest = next(m for m in mail.outbox if m.to == ["tinh@mttq-tuyenquang.local"])
    assert digest.subject == "[Dân vận khéo] 7 đơn vị chưa gửi báo cáo “Sơ kết 6 tháng năm 2020”, quá hạn 1 ngày"
    assert "Hạn: 10/6/2020" in digest.body and "- Huyện Na Hang" in digest.body
    html, mimetype = digest.alternatives[0]
    assert mimetype == "text/html" and "<li>Huyện Na Hang</li>" in html
    own = next(m for m in mail.outbox if m.to == ["nahang@mttq-tuyenquang.local"])
    assert own.subject.startswith("[Dân vận khéo] Quá hạn 1 ngày: chưa gửi báo cáo")
    assert "Kính gửi đồng chí Ma Thị Lan" in own.body and "http://127.0.0.1:8000/" in own.body
    assert "&quot;" not in own.body and "&ldquo;" not in own.body


def test_a_daily_sweep_from_20_may_to_20_june_sends_each_step_once_on_its_day(six_month, submit, at):
    submit(six_month, "076", when=dt.datetime(2020, 5, 15, 9, tzinfo=dt.UTC))
    sent_on = {}
    day = dt.date(2020, 5, 20)
    while day <= dt.date(2020, 6, 20):
        at(day.year, day.month, day.day)
        result = sweep()
        if result.total:
            assert result.total == 6 and len({line.step for line in result.lines}) == 1
            sent_on[day] = result.lines[0].step
        day += dt.timedelta(days=1)
    assert sent_on == {
        dt.date(2020, 5, 27): -14,
        dt.date(2020, 6, 3): -7,
        dt.date(2020, 6, 7): -3,
        dt.date(2020, 6, 9): -1,
        dt.date(2020, 6, 10): 0,
        dt.date(2020, 6, 11): 1,
        dt.date(2020, 6, 17): 7,
    }
    assert Notification.objects.filter(kind="deadline_overdue_below").count() == 2  # the province: on 11/6 and 17/6
