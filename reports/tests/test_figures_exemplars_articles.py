"""Report figures from exemplars (recognised in the period) and articles (published on the public
pages in the period), counted over a unit's subtree."""

import datetime as dt

import time_machine

from publishing.services import exemplars as exemplar_services
from publishing.tests.factories import make_article, make_exemplar
from reports import figures
from reports.tests.factories import local


def test_exemplar_and_article_figures_count_the_period_and_the_subtree(six, world):
    tinh = world.users["tinh"]
    with time_machine.travel(local(2020, 3, 2, 9), tick=False):
        make_exemplar(world, status="recognised", name="Tập thể Sơn Dương")  # in the period
        make_exemplar(world, unit_code="072", by="nahang", status="recognised", name="Tập thể Na Hang")  # another district
        make_exemplar(world, status="nominated", name="Chưa xét")  # not recognised
        person = exemplar_services.exemplar_nominate(
            data=exemplar_services.ExemplarInput(kind="individual", unit=world.units["02545"], name="Bà Lan", achievements="x"),
            by=world.users["tantrao"],
        )
        exemplar_services.exemplar_decide(exemplar=person, by=tinh, recognise=True)  # individual, commune below 076
        make_article(world, status="published", title="Đăng trong kỳ")
        make_article(world, status="unpublished", title="Đã gỡ")
        make_article(world, status="in_review", title="Chờ duyệt")
        make_article(world, status="published", title="Hẹn đăng sau kỳ", publish_at=local(2020, 7, 5, 8))
    with time_machine.travel(local(2020, 7, 2, 9), tick=False):
        make_exemplar(world, status="recognised", name="Sau kỳ")  # recognised after 30/6
    with time_machine.travel(local(2020, 7, 10, 9), tick=False):
        values = figures.compute(world.units["076"], six, today=dt.date(2020, 7, 10))
    assert values["exemplars_recognised"] == 2
    assert values["exemplars_collective"] == 1 and values["exemplars_individual"] == 1
    assert values["articles_published"] == 1
    province = figures.compute(world.units["08"], six, today=dt.date(2020, 7, 10))
    assert province["exemplars_recognised"] == 3
    labels = figures.labels()
    assert labels["articles_published"].startswith("Tin, bài") and "exemplars_recognised" in labels
