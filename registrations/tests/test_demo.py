"""The demo: the province's 2020 model with its 10 communes, registrations in every state; twice = once."""

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine

from registrations.models import Registration


def test_demo_registrations_cover_every_state_and_load_twice_without_change(world):
    from registrations import demo

    # The demo walks the whole of 2020: load it as the year is over.
    with time_machine.travel(dt.datetime(2021, 1, 15, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))):
        demo.load(world)
    count = Registration.objects.count()
    model = Registration.objects.get(title=demo.PROVINCE_MODEL_TITLE)
    assert model.kind == "model" and model.unit.code == "08" and model.areas.count() == 10
    assert model.status == "in_progress" and model.progress_updates.count() == 2 and model.approved_at.year == 2020
    assert set(Registration.objects.values_list("status", flat=True)) == set(Registration.Status.values)
    assert {"task", "content", "model"} == set(Registration.objects.values_list("kind", flat=True))
    assert Registration.objects.filter(rating="excellent").exists()
    assert Registration.objects.values("unit__parent").distinct().count() >= 3
    with time_machine.travel(dt.datetime(2021, 1, 15, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))):
        demo.load(world)
    assert Registration.objects.count() == count
