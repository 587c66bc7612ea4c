"""The demo: the 2020 periods with district reports in every state; loading twice changes nothing."""

from django.core.management import call_command

from reports.models import ConsolidatedReport, Report, ReportEvent, ReportingPeriod, ReportVersion
from reports.selectors import completeness


def _counts():
    return tuple(m.objects.count() for m in (ReportingPeriod, Report, ReportVersion, ReportEvent, ConsolidatedReport))


def test_demo_has_every_state_and_loads_twice_without_change(db):
    call_command("seed_demo", verbosity=0)
    six = ReportingPeriod.objects.get(campaign__year=2020, kind="six_month", receiving_unit__code="08")
    statuses = set(Report.objects.filter(period=six).values_list("status", flat=True))
    assert statuses == {"draft", "submitted", "returned", "accepted"}
    state = completeness(period=six)
    assert (state.required, state.on_time, state.late, state.missing) == (7, 4, 1, 2)
    assert ReportVersion.objects.filter(report__unit__code="071", report__period=six).count() == 2
    assert ReportingPeriod.objects.filter(campaign__year=2020, kind="annual", receiving_unit__code="08").exists()
    assert ReportingPeriod.objects.filter(receiving_unit__code="076").exists()
    before = _counts()
    call_command("seed_demo", verbosity=0)
    assert _counts() == before
