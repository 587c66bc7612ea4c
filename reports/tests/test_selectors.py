"""Who must report: the committees under the receiving unit valid on the due date, or the chosen
ones; who has not reported yet, optionally within a subtree."""

import datetime as dt

from reports.models import ReportingPeriod
from reports.selectors import completeness, reporting_duties, reports_missing, units_required
from reports.tests.factories import make_period, make_report
from units.models import Unit


def codes(units):
    return [u.code for u in units]


def test_the_districts_report_to_the_province(six, world):
    assert codes(units_required(period=six)) == ["070", "071", "072", "073", "074", "075", "076"]


def test_a_unit_closed_before_the_due_date_does_not_report(six, world):
    Unit.objects.filter(code="071").update(valid_to=dt.date(2020, 6, 1))
    Unit.objects.create(code="099", name="Huyện Mới", level="district", kind="district", parent=world.units["08"],
                        path="/08/099/", depth=1, valid_from=dt.date(2020, 7, 1))  # fmt: skip
    assert "071" not in codes(units_required(period=six)) and "099" not in codes(units_required(period=six))


def test_reports_missing_counts_drafts_as_missing_and_filters_by_subtree(six, world):
    make_report(world, "076", status="submitted")
    make_report(world, "072", status="draft")
    assert codes(reports_missing(period=six)) == ["070", "071", "072", "073", "074", "075"]
    assert codes(reports_missing(period=six, under=world.units["072"])) == ["072"]
    assert codes(reports_missing(period=six, under=world.units["076"])) == []


def test_selected_units_report_when_the_period_names_them(world):
    period = make_period(world, receiver="076", due_on=dt.date(2020, 6, 5), audience=ReportingPeriod.Audience.SELECTED)
    period.selected_units.set([world.units["02545"]])
    assert codes(units_required(period=period)) == ["02545"]
    duties = reporting_duties([world.units["02545"], world.units["076"]], [period])
    assert [(p.pk, u.code) for p, u in duties] == [(period.pk, "02545")]
    state = completeness(period=period)
    assert (state.required, state.missing, state.reporting_rate) == (1, 1, 0.0)


def test_rates_are_none_without_units(world):
    period = make_period(world, receiver="076", due_on=dt.date(2020, 6, 5), audience=ReportingPeriod.Audience.SELECTED)
    state = completeness(period=period)
    assert state.required == 0 and state.reporting_rate is None and state.on_time_rate is None
