"""manage.py send_reminders: one line per reminder, then `total: N`."""

import io

import pytest
from django.core.management import CommandError, call_command

from reminders.models import Reminder


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("send_reminders", *args, stdout=out, stderr=err)
    return out.getvalue().splitlines(), err.getvalue()


def test_the_command_prints_one_line_per_reminder_then_the_total(six_month, submit, at):
    submit(six_month, "076")
    at(2020, 6, 7)
    lines, _ = run()
    assert lines[-1] == "total: 6"
    assert len(lines) == 7
    assert (
        "Huyện Na Hang | Báo cáo: Sơ kết 6 tháng năm 2020 | trước hạn 3 ngày | Ma Thị Lan <nahang@mttq-tuyenquang.local>" in lines
    )
    assert not any("Sơn Dương" in line for line in lines)
    assert run()[0] == ["total: 0"]


def test_the_command_takes_a_date_and_a_dry_run(six_month, submit, at):
    submit(six_month, "076")
    at(2020, 6, 20)
    lines, err = run("--date", "2020-06-11", "--dry-run")
    assert lines[-1] == "total: 6" and "quá hạn 1 ngày" in lines[0]
    assert "Hoàng Thị Thanh Hương <tinh@mttq-tuyenquang.local>" in lines[0]
    assert "chưa gửi gì" in err
    assert Reminder.objects.count() == 0
    lines, _ = run("--date=2020-06-11")
    assert lines[-1] == "total: 6" and Reminder.objects.filter(step=1).count() == 6


def test_a_malformed_date_is_refused_in_vietnamese(db):
    with pytest.raises(CommandError, match="không hợp lệ"):
        run("--date", "11/6/2020")
