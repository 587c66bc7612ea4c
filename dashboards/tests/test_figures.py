"""Every figure a dashboard shows equals a direct count of the same thing, after sequences of real
service operations; the figures kept up to date change by change equal a recomputation from
scratch; the time-dependent ones (overdue tasks, articles out) follow the day of the read."""

import datetime as dt
import io
import zoneinfo

import pytest
from django.db.models import Exists, OuterRef
from django.utils import timezone

from accounts.models import Membership
from core.dates import end_of_day
from core.roles import Role
from dashboards import figures
from dashboards.selectors import SENT_STATUSES, Figures, dashboard
from plans.models import Plan, TaskAssignment
from registrations.models import Field, Registration
from reports.models import ReportingPeriod
from reports.selectors import completeness
from units.models import Unit

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
Kind = Registration.Kind
Status = Registration.Status


@pytest.fixture
def in_2020(time_machine):
    time_machine.move_to(dt.datetime(2020, 6, 15, 9, 0, tzinfo=VN), tick=True)
    return dt.date(2020, 6, 15)


# --- direct counts (the source tables, without the summary code) ---------------------------------------------
def direct_counts(campaign, unit: Unit, today: dt.date, kind: str) -> dict:
    regs = Registration.objects.filter(campaign=campaign, unit__path__startswith=unit.path)
    out = {}
    for k in Kind.values:
        for s in Status.values:
            out[f"reg:{k}:{s}"] = regs.filter(kind=k, status=s).count()
    for f in Field.objects.all():
        out[f"field:{f.pk}"] = regs.exclude(status=Status.DRAFT).filter(field=f).count()
    cadres = Membership.objects.filter(role=Role.CADRE, is_active=True, user__is_active=True, unit__path__startswith=unit.path)
    sent = Registration.objects.filter(campaign=campaign, kind=Kind.TASK, person=OuterRef("user")).exclude(status=Status.DRAFT)
    out["cadres"] = cadres.count()
    out["cadres_reg"] = cadres.filter(Exists(sent)).count()
    committees = Unit.objects.filter(valid_to__isnull=True, path__startswith=unit.path).exclude(level=Unit.Level.DEPARTMENT)
    out["committees"] = committees.count()
    out["plans_issued"] = committees.filter(
        Exists(Plan.objects.filter(unit=OuterRef("pk"), campaign=campaign, status=Plan.Status.ISSUED))
    ).count()
    required = on_time = late = 0
    for period in ReportingPeriod.objects.filter(campaign=campaign, kind=kind, receiving_unit__path__startswith=unit.path):
        state = completeness(period=period, with_children=False)
        required += state.required
        on_time += state.on_time
        late += state.late
    out["rep_required"], out["rep_on_time"], out["rep_late"] = required, on_time, late
    assignments = TaskAssignment.objects.in_force().filter(task__plan__campaign=campaign, unit__path__startswith=unit.path)
    out["tasks"] = assignments.count()
    out["tasks_done"] = assignments.done().count()
    out["overdue"] = (
        TaskAssignment.objects.overdue(today).filter(task__plan__campaign=campaign, unit__path__startswith=unit.path).count()
    )
    from publishing.models import Article, Exemplar

    exemplars = Exemplar.objects.filter(unit__path__startswith=unit.path, nominated_at__year=campaign.year)
    out["ex_all"] = exemplars.count()
    out["ex_recognised"] = exemplars.filter(status=Exemplar.Status.RECOGNISED).count()
    out["articles"] = (
        Article.objects.public(now=end_of_day(today))
        .filter(unit__path__startswith=unit.path, published_at__year=campaign.year)
        .count()
    )
    return out


def shown(f: Figures) -> dict:
    out = {}
    for k in Kind.values:
        for s in Status.values:
            out[f"reg:{k}:{s}"] = f.get(f"reg:{k}:{s}")
    for field in Field.objects.all():
        out[f"field:{field.pk}"] = f.get(f"field:{field.pk}")
    out.update(
        cadres=f.cadres, cadres_reg=f.cadres_reg, committees=f.committees, plans_issued=f.plans, rep_required=f.rep_required,
        rep_on_time=f.rep_on_time, rep_late=f.rep_late, tasks=f.tasks, tasks_done=f.tasks_done, overdue=f.overdue,
        ex_all=f.exemplars_nominated, ex_recognised=f.exemplars_recognised, articles=f.articles,
    )  # fmt: skip
    return out


def check(world, *, codes=("08", "076"), kind=ReportingPeriod.Kind.SIX_MONTH, today=None):
    """The dashboards of these units (their totals and every child row) show the direct counts, and
    the summary rows equal a recomputation from scratch."""
    campaign = world.campaign
    today = today or timezone.localdate()
    checked = 0
    for code in codes:
        unit = Unit.objects.get(code=code, valid_to__isnull=True)
        data = dashboard(unit=unit, campaign=campaign, today=today, kind=kind)
        for u, f in [(unit, data.total)] + [(r.unit, r.figures) for r in data.rows]:
            assert shown(f) == direct_counts(campaign, u, today, kind), u.name
            checked += 1
        assert sum(r.figures.sent() for r in data.rows) + data.own.sent() == data.total.sent()
    kept = (figures.stored(campaign.pk), figures.stored(campaign.pk, field="own"))
    figures.refresh_campaign(campaign.pk)
    assert kept == (figures.stored(campaign.pk), figures.stored(campaign.pk, field="own"))
    return checked


def test_figures_follow_registrations_through_their_workflow(world, in_2020):
    from registrations import services
    from registrations.tests.factories import approver_of, make_registration

    assert check(world) > 10
    canbo = world.users["canbo"]
    task = make_registration(unit=world.units["076"], kind=Kind.TASK, person=canbo)
    check(world)
    services.registration_submit(registration=task, by=canbo)
    check(world)
    services.registration_approve(registration=task, by=approver_of(task))
    make_registration(unit=world.units["076"], kind=Kind.CONTENT, status=Status.APPROVED, title="Nội dung huyện")
    make_registration(unit=world.units["02545"], kind=Kind.MODEL, status=Status.EVALUATED, title="Mô hình xã")
    make_registration(unit=world.units["072"], kind=Kind.CONTENT, status=Status.RETURNED, title="Nội dung Na Hang")
    check(world)
    draft = make_registration(unit=world.units["076"], kind=Kind.CONTENT, title="Bản nháp sẽ xóa")
    check(world, codes=("076",))
    owner = draft.created_by
    services.registration_delete(registration=draft, by=owner)
    check(world)
    assert dashboard(unit=world.units["08"], campaign=world.campaign, today=in_2020).total.sent() == 4


def test_share_of_cadres_follows_memberships_and_accounts(world, in_2020):
    from accounts.scope import Scope
    from accounts.services import account_create, membership_set_active
    from dashboards.tests.helpers import admin_edit
    from registrations.tests.factories import make_registration

    commune, tinh = world.units["02545"], world.users["tinh"]
    account = account_create(
        scope=Scope.for_user(tinh),
        by=tinh,
        full_name="Lý Thị Mai",
        username="canbo_tantrao",
        email="",
        unit=commune,
        role=Role.CADRE,
    )
    user, membership = account.user, account.membership
    check(world)
    make_registration(unit=commune, kind=Kind.TASK, person=user, status=Status.SUBMITTED, title="Việc làm của cán bộ xã")
    check(world)
    f = dashboard(unit=world.units["076"], campaign=world.campaign, today=in_2020).total
    assert (f.cadres_reg, f.cadres) == (1, 2)  # canbo has not registered yet
    user.is_active = False
    admin_edit(user, by=tinh)  # accounts are switched off in the admin
    check(world)
    user.is_active = True
    admin_edit(user, by=tinh)
    membership_set_active(membership=membership, active=False, by=tinh)
    check(world)
    admin_edit(membership, by=tinh, delete=True)
    check(world)


def test_plans_and_overdue_tasks(world, in_2020):
    from plans.services.followup import assignment_update
    from plans.tests import factories as plan_factories

    plan_factories.province_plan(world)
    check(world)
    f = dashboard(unit=world.units["08"], campaign=world.campaign, today=in_2020).total
    # The province's plan, and Huyện Sơn Dương's since the demo issues it too (plans/demo.py).
    issued = Plan.objects.current().filter(campaign=world.campaign).values("unit").distinct().count()
    assert f.plans == issued >= 1 and f.tasks > 0 and f.overdue > 0
    assignment = plan_factories.sonduong_assignment(world)
    sonduong = world.users["sonduong"]
    assignment_update(assignment=assignment, by=sonduong, text="Đã xong.", status="done")
    check(world)
    plan_factories.sonduong_issued(world)
    check(world)
    # The day of the read decides what is overdue: early in the year nothing is.
    for day in (dt.date(2020, 1, 2), dt.date(2020, 4, 1), dt.date(2020, 12, 31)):
        check(world, today=day)


def test_plan_assignments_are_counted_after_the_commit_without_a_read(world, in_2020, django_capture_on_commit_callbacks):
    from plans.tests import factories as plan_factories

    with django_capture_on_commit_callbacks(execute=True):
        plan_factories.province_plan(world)
    assert not figures.stored(world.campaign.pk).get(("pending",))
    assert not [k for (_, k) in figures.stored(world.campaign.pk) if k.startswith("pending")]
    total = figures.stored(world.campaign.pk)
    assert total[(world.units["08"].pk, "tasks_due")] == TaskAssignment.objects.in_force().count()


def open_period(world, *, receiver="08", kind=ReportingPeriod.Kind.SIX_MONTH) -> ReportingPeriod:
    """A reporting period opened through the service by the receiving committee's officer."""
    from reports import services
    from reports.tests.factories import PERIODS

    title, covers_from, covers_to, due_on = PERIODS[kind]
    unit = world.units[receiver]
    data = {
        "campaign": world.campaign, "kind": kind, "title": title if receiver == "08" else f"{title} ({unit.name})",
        "covers_from": covers_from, "covers_to": covers_to, "due_on": due_on, "receiving_unit": unit,
        "audience": ReportingPeriod.Audience.CHILDREN, "instructions": "",
    }  # fmt: skip
    return services.period_create(by=world.users["tinh" if receiver == "08" else "sonduong"], data=data)


def test_reports_on_time_late_missing_and_moved_deadline(world, in_2020):
    from reports import services
    from reports.tests.factories import local, make_report

    period = open_period(world)
    check(world)
    make_report(world, "076", status="submitted", submitted_at=local(2020, 6, 9, 10, 0))
    make_report(world, "072", status="accepted", submitted_at=local(2020, 6, 12, 10, 0))
    make_report(world, "070", status="draft")
    check(world)
    data = dashboard(unit=world.units["08"], campaign=world.campaign, today=in_2020, kind="six_month")
    states = {r.unit.code: r.report.state for r in data.rows}
    assert states["076"] == "on_time" and states["072"] == "late" and states["070"] == "missing"
    assert (data.reports.on_time, data.reports.late) == (1, 1)
    assert data.reports.missing == data.reports.required - 2
    period.refresh_from_db()
    form = {
        "title": period.title, "covers_from": period.covers_from, "covers_to": period.covers_to, "due_on": dt.date(2020, 6, 12),
        "receiving_unit": period.receiving_unit, "audience": period.audience, "instructions": "", "kind": period.kind,
        "campaign": period.campaign,
    }  # fmt: skip
    services.period_update(period=period, by=world.users["tinh"], expected_version=period.version, data=form)
    check(world)
    data = dashboard(unit=world.units["08"], campaign=world.campaign, today=in_2020, kind="six_month")
    assert (data.reports.on_time, data.reports.late) == (2, 0)
    # A district asks its communes: the province's dashboard counts them for Sơn Dương's row.
    district_period = open_period(world, receiver="076")
    make_report(world, "02545", status="submitted", submitted_at=local(2020, 6, 20, 10, 0), period=district_period)
    check(world)


def test_exemplars_and_articles(world, in_2020):
    from dashboards.tests.helpers import admin_edit
    from publishing.models import Article, Exemplar
    from publishing.services import exemplars as exemplar_services
    from publishing.tests.factories import make_article

    tinh = world.users["tinh"]
    exemplar = exemplar_services.exemplar_nominate(
        data=exemplar_services.ExemplarInput(
            kind=Exemplar.Kind.COLLECTIVE, unit=world.units["02545"], name="Ban công tác Mặt trận thôn Tân Lập",
            achievements="Vận động hiến đất.",
        ),
        by=world.users["sonduong"],
    )  # fmt: skip
    check(world)
    exemplar_services.exemplar_decide(exemplar=exemplar, by=tinh, recognise=True)
    article = make_article(world, status=Article.Status.PUBLISHED, title="Sơn Dương làm đường")
    make_article(
        world, status=Article.Status.PUBLISHED, unit_code="072", author="nahang", title="Hẹn giờ đăng",
        publish_at=timezone.now() + dt.timedelta(days=3),
    )  # fmt: skip
    check(world)
    f = dashboard(unit=world.units["08"], campaign=world.campaign, today=in_2020).total
    assert (f.exemplars_recognised, f.articles) == (1, 1)
    later = dashboard(unit=world.units["08"], campaign=world.campaign, today=in_2020 + dt.timedelta(days=3)).total
    assert later.articles == 2
    admin_edit(article, by=tinh, delete=True)  # deleted in the admin (no page deletes them)
    admin_edit(exemplar, by=tinh, delete=True)
    check(world)


def test_refresh_command_rebuilds_what_bulk_writes_skipped(world, in_2020):
    from django.core.management import call_command

    from registrations.tests.factories import make_registration

    reg = make_registration(unit=world.units["076"], kind=Kind.CONTENT, status=Status.SUBMITTED, title="Nội dung")
    Registration.objects.bulk_create(
        [
            Registration(
                campaign=world.campaign, kind=Kind.CONTENT, unit=world.units["02545"], title=f"Nạp {i}", status="approved"
            )
            for i in range(5)
        ]
    )
    Registration.objects.filter(pk=reg.pk).update(status=Status.APPROVED)
    province = world.units["08"].pk
    assert figures.stored(world.campaign.pk).get((province, "reg:content:approved"), 0) == 0
    out = io.StringIO()
    call_command("refresh_dashboards", campaign=world.campaign.pk, stdout=out)
    assert "Đã tính lại" in out.getvalue()
    assert figures.stored(world.campaign.pk)[(province, "reg:content:approved")] == 6
    check(world)


def test_the_status_chart_covers_every_sent_status(world):
    assert set(SENT_STATUSES) == set(Status.values) - {Status.DRAFT}


@pytest.mark.django_db(transaction=True)
def test_concurrent_changes_in_the_same_tree_are_all_counted(world):
    """Three rounds of sixteen threads sending registrations of Xã Tân Trào and of its district at
    the same time (two kinds, so the shared ancestor rows are written in different orders): no
    deadlock, the F() increments add up (PostgreSQL). With a lock per unit instead of per tree,
    one round in five or so failed with a deadlock on the ancestors' rows."""
    import threading

    from django.db import connection, connections

    from registrations import services
    from registrations.tests.factories import make_registration

    if connection.vendor == "sqlite":
        pytest.skip("SQLite in memory serialises writers; PostgreSQL runs this one")
    errors = []

    def send(barrier, registration):
        try:
            barrier.wait(timeout=10)
            services.registration_submit(registration=registration, by=registration.created_by)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    for round_ in range(3):
        drafts = [
            make_registration(unit=world.units[code], kind=kind, title=f"Nội dung {code} {round_}.{i}")
            for i in range(4)
            for code in ("02545", "076")
            for kind in (Kind.CONTENT, Kind.MODEL)
        ]
        barrier = threading.Barrier(len(drafts))
        threads = [threading.Thread(target=send, args=(barrier, r)) for r in drafts]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert errors == []
    assert Registration.objects.filter(status=Status.SUBMITTED).count() == 48
    check(world)
    stored = figures.stored(world.campaign.pk)
    assert stored[(world.units["08"].pk, "reg:content:submitted")] == 24
    assert stored[(world.units["08"].pk, "reg:model:submitted")] == 24


@pytest.mark.django_db(transaction=True)
def test_a_change_waits_for_another_change_of_the_same_tree_only(world):
    """While a change of Xã Tân Trào is being counted, a change of Huyện Sơn Dương (same tree: it
    writes the same district and province rows) waits for it; once it commits, it goes through."""
    import threading

    from django.db import OperationalError, connection, connections, transaction

    if connection.vendor == "sqlite":
        pytest.skip("row locks: PostgreSQL")
    campaign_id = world.campaign.pk
    holding, release = threading.Event(), threading.Event()

    def first_change():
        try:
            with transaction.atomic():
                figures.update_units(campaign_id, {world.units["02545"].pk}, ["reg"])
                holding.set()
                release.wait(timeout=20)
        finally:
            connections.close_all()

    thread = threading.Thread(target=first_change)
    thread.start()
    try:
        assert holding.wait(timeout=20)
        with pytest.raises(OperationalError, match="lock timeout"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '300ms'")
            figures.update_units(campaign_id, {world.units["076"].pk}, ["reg"])
    finally:
        release.set()
        thread.join(timeout=20)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '5s'")
        figures.update_units(campaign_id, {world.units["076"].pk}, ["reg"])


def test_saves_that_change_no_figure_touch_no_summary_row(world, in_2020):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from registrations import services
    from registrations.tests.factories import make_registration

    reg = make_registration(unit=world.units["076"], kind=Kind.CONTENT, title="Nội dung")
    reg = Registration.objects.get(pk=reg.pk)
    data = services.RegistrationInput(
        kind=reg.kind, unit=reg.unit, campaign=reg.campaign, title="Nội dung đã sửa tên", description=reg.description,
        field=reg.field, movements=list(reg.movements.all()), areas=list(reg.areas.all()), starts_on=reg.starts_on,
        ends_on=reg.ends_on, responsible=reg.responsible, expected_result=reg.expected_result,
    )  # fmt: skip
    with CaptureQueriesContext(connection) as ctx:
        services.registration_update(registration=reg, data=data, by=reg.created_by, expected_version=reg.version)
    assert not [q for q in ctx.captured_queries if "dashboards_unitfigure" in q["sql"]]
    with CaptureQueriesContext(connection) as ctx:
        services.registration_submit(registration=reg, by=reg.created_by)
    assert [q for q in ctx.captured_queries if "dashboards_unitfigure" in q["sql"]]
    check(world, codes=("076",))


def test_an_edit_in_the_admin_is_counted(world, in_2020, client):
    """The Django admin goes through no service: its ModelAdmin reports the change itself."""
    from django.urls import reverse

    from registrations.tests.factories import make_registration

    tinh = world.users["tinh"]
    tinh.is_staff = tinh.is_superuser = True
    tinh.save()
    client.force_login(tinh)
    reg = make_registration(unit=world.units["076"], kind=Kind.CONTENT, status=Status.SUBMITTED, title="Nội dung")
    url = reverse("admin:registrations_registration_change", args=[reg.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = {}
    for name, f in form.fields.items():
        value = form.initial.get(name, f.initial)
        if value is not None:
            data[name] = [getattr(v, "pk", v) for v in value] if isinstance(value, list) else getattr(value, "pk", value)
    for inline in page.context["inline_admin_formsets"]:
        data.update({f"{inline.formset.prefix}-TOTAL_FORMS": 0, f"{inline.formset.prefix}-INITIAL_FORMS": 0})
    assert client.post(url, {**data, "status": Status.APPROVED}).status_code == 302
    assert Registration.objects.get(pk=reg.pk).status == Status.APPROVED
    check(world)
    assert figures.stored(world.campaign.pk)[(world.units["08"].pk, "reg:content:approved")] == 1
