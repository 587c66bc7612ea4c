"""On time means: first sent at or before the end of the due day in Asia/Ho_Chi_Minh; days late
count local calendar days."""

import datetime as dt

import pytest
import time_machine

from reports import services
from reports.models import days_late_for
from reports.tests.factories import local

DUE = dt.date(2020, 6, 10)
UTC = dt.UTC


@pytest.mark.parametrize(
    ("moment", "late"),
    [
        (local(2020, 6, 10, 23, 59, 59), 0),
        (local(2020, 6, 10, 23, 59, 59, 999999), 0),
        (local(2020, 6, 11, 0, 0, 0), 1),
        (local(2020, 6, 1, 8, 0), 0),
        # 16:59:59 UTC is 23:59:59 in Hà Nội; 17:00 UTC is already the 11th there.
        (dt.datetime(2020, 6, 10, 16, 59, 59, tzinfo=UTC), 0),
        (dt.datetime(2020, 6, 10, 17, 0, 0, tzinfo=UTC), 1),
        (local(2020, 6, 12, 0, 30), 2),
        (local(2020, 6, 12, 23, 59), 2),
        (local(2020, 7, 1, 9, 0), 21),
    ],
)
def test_days_late_at_the_day_boundary(moment, late):
    assert days_late_for(moment, DUE) == late


def _submit(six, world, text, moment):
    unit, by = world.units["076"], world.users["sonduong"]
    with time_machine.travel(moment, tick=False):
        report = services.report_save(period=six, unit=unit, by=by, expected_version=0, data=text)
        return services.report_submit(period=six, unit=unit, by=by, expected_version=report.version)


def test_sent_at_235959_on_the_due_day_is_on_time(six, world, text):
    report = _submit(six, world, text, local(2020, 6, 10, 23, 59, 59))
    assert report.days_late == 0 and report.is_on_time
    assert report.submitted_at == local(2020, 6, 10, 23, 59, 59)


def test_sent_at_midnight_after_the_due_day_is_one_day_late(six, world, text):
    report = _submit(six, world, text, local(2020, 6, 11, 0, 0, 0))
    assert report.days_late == 1 and report.is_on_time is False


def test_resending_after_a_return_keeps_the_timeliness_of_the_first_submission(six, world, text):
    report = _submit(six, world, text, local(2020, 6, 9, 15, 0))
    report = services.report_return(
        report=report, by=world.users["tuyengiao"], expected_version=report.version, comment="Bổ sung số liệu."
    )
    with time_machine.travel(local(2020, 6, 20, 9, 0), tick=False):
        report = services.report_submit(
            period=six,
            unit=report.unit,
            by=world.users["sonduong"],
            expected_version=report.version,
            data={"results": text["results"] + " Bổ sung."},
        )
    assert report.days_late == 0
    assert report.submitted_at == local(2020, 6, 9, 15, 0) and report.last_submitted_at == local(2020, 6, 20, 9, 0)
    assert [v.submitted_at for v in report.versions.order_by("number")] == [local(2020, 6, 9, 15, 0), local(2020, 6, 20, 9, 0)]


def test_moving_the_due_date_recomputes_days_late(six, world, text):
    report = _submit(six, world, text, local(2020, 6, 12, 8, 0))
    assert report.days_late == 2
    from reports.services import PERIOD_FIELDS

    data = {k: getattr(six, k) for k in PERIOD_FIELDS}
    data["due_on"] = dt.date(2020, 6, 15)
    services.period_update(period=six, by=world.users["tinh"], expected_version=six.version, data=data)
    report.refresh_from_db()
    assert report.days_late == 0
