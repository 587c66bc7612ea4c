"""The same figure shows the same value on every page: the dashboard, the report form (live
figures of a reporting period covering the whole campaign) and the registrations' statistics page,
for the same unit, on data written through the services."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from registrations import figures as reg_figures
from registrations.models import Registration
from reports import figures as report_figures
from reports.models import ReportingPeriod

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
Kind, Status, Rating = Registration.Kind, Registration.Status, Registration.Rating


@pytest.fixture
def in_2020(time_machine):
    time_machine.move_to(dt.datetime(2020, 6, 15, 9, 0, tzinfo=VN), tick=True)
    return dt.date(2020, 6, 15)


@pytest.fixture
def data(world, in_2020):
    """A bit of everything that is counted, under Huyện Sơn Dương (076) and elsewhere."""
    from accounts.scope import Scope
    from accounts.services import account_create
    from core.roles import Role
    from plans.services.followup import assignment_update, inspection_save
    from plans.tests import factories as plan_factories
    from publishing.models import Article, Exemplar
    from publishing.services import exemplars as exemplar_services
    from publishing.tests.factories import make_article, make_exemplar
    from registrations.models import Field
    from registrations.tests.factories import make_registration

    tinh, sonduong, tantrao = world.users["tinh"], world.users["sonduong"], world.users["tantrao"]
    commune = world.units["02545"]
    from registrations.services.fields import fields_ensure_defaults

    fields_ensure_defaults(world.campaign)
    economy = Field.objects.get(campaign=world.campaign, name="Kinh tế")
    # Registrations in every state, of the three kinds; drafts are never counted as sent.
    canbo = world.users["canbo"]
    make_registration(unit=world.units["076"], kind=Kind.TASK, person=canbo, status=Status.EVALUATED, rating=Rating.EXCELLENT)
    hoa = account_create(
        scope=Scope.for_user(tantrao), by=tantrao, full_name="Lý Thị Hoa", username="hoa_tantrao", email="", unit=commune,
        role=Role.CADRE,
    ).user  # fmt: skip
    account_create(
        scope=Scope.for_user(sonduong), by=sonduong, full_name="Chưa Đăng Ký", username="chuadangky", email="",
        unit=world.units["076"], role=Role.CADRE,
    )  # fmt: skip
    make_registration(unit=commune, kind=Kind.TASK, person=hoa, status=Status.DRAFT, title="Việc còn nháp")
    make_registration(unit=commune, kind=Kind.MODEL, status=Status.DRAFT, field=economy, title="Mô hình còn nháp")
    make_registration(unit=commune, kind=Kind.MODEL, status=Status.IN_PROGRESS, field=economy, title="Mô hình kinh tế xã")
    make_registration(unit=commune, kind=Kind.MODEL, status=Status.EVALUATED, rating=Rating.GOOD, title="Mô hình đánh giá tốt")
    make_registration(unit=world.units["076"], kind=Kind.CONTENT, status=Status.SUBMITTED, title="Nội dung chờ duyệt")
    make_registration(unit=world.units["076"], kind=Kind.CONTENT, status=Status.RETURNED, title="Nội dung trả lại")
    make_registration(unit=world.units["076"], kind=Kind.CONTENT, status=Status.APPROVED, title="Nội dung đã duyệt")
    make_registration(unit=world.units["076"], kind=Kind.CONTENT, status=Status.COMPLETED, title="Nội dung đã xong")
    make_registration(unit=world.units["072"], kind=Kind.MODEL, status=Status.EVALUATED, rating=Rating.NOT_DONE, title="Na Hang")
    # Plans: the province's (its assignments, one inspection of Sơn Dương), Sơn Dương's own, tasks done and overdue.
    plan_factories.province_plan(world)
    plan_factories.sonduong_issued(world)
    assignment_update(assignment=plan_factories.sonduong_assignment(world), by=sonduong, text="Đã xong.", status="done")
    inspection_save(
        by=sonduong, unit=world.units["076"], inspected_unit=commune, inspected_on=dt.date(2020, 5, 5), team="Đoàn huyện",
        content="Kiểm tra việc đăng ký", campaign=world.campaign,
    )  # fmt: skip
    # Exemplars (recognised collective and individual, one only nominated) and articles (one out, one scheduled).
    make_exemplar(world, status=Exemplar.Status.RECOGNISED, name="Tập thể thôn Tân Lập")
    make_exemplar(world, status=Exemplar.Status.NOMINATED, name="Chưa xét")
    person = exemplar_services.exemplar_nominate(
        data=exemplar_services.ExemplarInput(
            kind=Exemplar.Kind.INDIVIDUAL, unit=commune, name="Bà Lan", achievements="Vận động."
        ),
        by=tantrao,
    )
    exemplar_services.exemplar_decide(exemplar=person, by=tinh, recognise=True)
    make_article(world, status=Article.Status.PUBLISHED, title="Đã đăng")
    make_article(world, status=Article.Status.PUBLISHED, title="Hẹn đăng", publish_at=dt.datetime(2020, 9, 1, 8, tzinfo=VN))
    make_article(world, status=Article.Status.IN_REVIEW, title="Chờ duyệt")
    return world


def whole_campaign(world) -> ReportingPeriod:
    """A reporting period covering the whole campaign, opened through the service."""
    from reports import services

    data = {
        "campaign": world.campaign, "kind": ReportingPeriod.Kind.ANNUAL, "title": "Tổng kết năm 2020",
        "covers_from": world.campaign.starts_on, "covers_to": world.campaign.ends_on, "due_on": dt.date(2020, 12, 20),
        "receiving_unit": world.units["08"], "audience": ReportingPeriod.Audience.CHILDREN, "instructions": "",
    }  # fmt: skip
    return services.period_create(by=world.users["tinh"], data=data)


def on_the_dashboard(client, code: str):
    return client.get(reverse("dashboards:unit", kwargs={"code": code})).context["d"].total


def on_the_report_form(client, period, code: str) -> dict:
    context = client.get(reverse("reports:report_detail", kwargs={"pk": period.pk, "code": code})).context
    assert context["live_figures"]
    return {row["key"]: row["value"] for _, rows in context["figure_groups"] for row in rows}


def on_the_statistics_page(client, code: str):
    return client.get(reverse("registrations:statistics"), {"don_vi": code}).context["stats"].total


def test_dashboard_report_form_and_statistics_show_the_same_figures(data, client_for):
    period = whole_campaign(data)
    sonduong = client_for("sonduong")
    dashboard = on_the_dashboard(sonduong, "076")
    report = on_the_report_form(sonduong, period, "076")
    stats = on_the_statistics_page(sonduong, "076")

    # Every figure of the report form, on the dashboard.
    assert report == {f.key: dashboard.get(f.key) for f in report_figures.all_figures()}
    # Registrations sent (drafts not counted), by kind, status and result, on the three pages.
    assert stats.total == dashboard.sent() == sum(report[k] for k in reg_figures.BY_KIND.values()) == 7
    for kind, key in reg_figures.BY_KIND.items():
        assert stats.by_kind[kind] == dashboard.sent(kind) == report[key], kind
    for status, key in reg_figures.BY_STATUS.items():
        assert stats.by_status[status] == dashboard.by_status()[status] == report[key], status
    for rating, key in reg_figures.BY_RATING.items():
        assert stats.by_rating[rating] == report[key], rating
    assert sum(stats.models_by_field.values()) == dashboard.sent(Kind.MODEL) == report["reg_model"] == 2
    # Cadres who registered a task: the dashboard and the statistics page.
    assert (stats.cadres_registered, stats.cadres) == (dashboard.cadres_reg, dashboard.cadres) == (1, 3)
    # Plan tasks, exemplars, articles: the dashboard and the report form.
    assert (dashboard.tasks, dashboard.tasks_done, dashboard.overdue) == (
        report["tasks_due"],
        report["tasks_done"],
        report["tasks_overdue"],
    )
    assert dashboard.overdue > 0 and dashboard.tasks_done > 0
    assert dashboard.exemplars_recognised == report["exemplars_recognised"] == 2
    assert dashboard.articles == report["articles_published"] == 1  # the scheduled one is not out yet
    assert report["inspections_made"] == 1 and report["inspections_received"] == 2 and report["plans_issued"] == 1

    # The province: its dashboard and its statistics page agree too.
    tinh = client_for("tinh")
    dashboard, stats = on_the_dashboard(tinh, "08"), on_the_statistics_page(tinh, "08")
    assert stats.total == dashboard.sent() == 8
    assert {k: stats.by_kind[k] for k in Kind.values} == dashboard.by_kind()
    assert {s: stats.by_status[s] for s in reg_figures.BY_STATUS} == dashboard.by_status()
    assert (stats.cadres_registered, stats.cadres) == (dashboard.cadres_reg, dashboard.cadres)
