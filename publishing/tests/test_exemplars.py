"""Exemplars: nominated by a unit within its subtree (directly or from an approved registration,
with the form prefilled), recognised or not (with a reason) by the province; notifications and
history."""

import re
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from notifications.models import Notification
from publishing.models import Exemplar
from publishing.services import exemplars as services
from publishing.tests.factories import make_exemplar

Status = Exemplar.Status


def _data(world, unit="076", **kw):
    return services.ExemplarInput(
        **{
            "kind": "collective",
            "unit": world.units[unit],
            "name": "Chi hội Nông dân thôn Đồng Bừa",
            "achievements": "Hiến đất.",
            **kw,
        }
    )


def test_a_unit_nominates_within_its_subtree_only(world):
    commune = services.exemplar_nominate(data=_data(world, unit="02545"), by=world.users["sonduong"])
    assert commune.nominating_unit.code == "076" and commune.status == Status.NOMINATED
    with pytest.raises(ValidationError):
        services.exemplar_nominate(data=_data(world, unit="076"), by=world.users["nahang"])
    with pytest.raises(ValidationError):
        services.exemplar_nominate(data=_data(world, unit="076"), by=world.users["tantrao"])
    with pytest.raises(PermissionDenied):
        services.exemplar_nominate(data=_data(world), by=world.users["quansat"])
    assert Notification.objects.filter(recipient=world.users["tinh"], kind="exemplar_nominated").count() == 1


def test_the_same_nomination_sent_twice_is_one(world):
    token = uuid.uuid4()
    a = services.exemplar_nominate(data=_data(world), by=world.users["sonduong"], client_token=token)
    b = services.exemplar_nominate(data=_data(world), by=world.users["sonduong"], client_token=token)
    assert a.pk == b.pk and Exemplar.objects.count() == 1


def test_the_province_decides_and_not_recognising_needs_a_reason(world):
    exemplar = make_exemplar(world)
    with pytest.raises(PermissionDenied):
        services.exemplar_decide(exemplar=exemplar, by=world.users["sonduong"], recognise=True)
    with pytest.raises(ValidationError):
        services.exemplar_decide(exemplar=exemplar, by=world.users["tinh"], recognise=False, note="")
    services.exemplar_decide(exemplar=exemplar, by=world.users["tinh"], recognise=False, note="Chưa tiêu biểu.")
    assert exemplar.status == Status.NOT_RECOGNISED and exemplar.recognised_at is None
    services.exemplar_decide(exemplar=exemplar, by=world.users["tinh"], recognise=True)
    exemplar.refresh_from_db()
    assert exemplar.status == Status.RECOGNISED and exemplar.recognised_at is not None
    assert services.exemplar_decide(exemplar=exemplar, by=world.users["tinh"], recognise=True) is None
    assert Notification.objects.filter(recipient=world.users["sonduong"], kind="exemplar_decided").count() == 2
    assert exemplar.history.count() == 3
    # Once decided, the nominating unit no longer edits it.
    with pytest.raises(PermissionDenied):
        services.exemplar_update(
            exemplar=exemplar, data=_data(world), by=world.users["sonduong"], expected_version=exemplar.version
        )


def test_nominating_from_an_approved_registration_prefills_the_form(world, client_for, make):
    task = make(unit="076", kind="task", person="canbo", status="evaluated", title="Vận động 30 hộ làm nhà vệ sinh hợp vệ sinh")
    sonduong = client_for("sonduong")
    detail = sonduong.get(reverse("registrations:detail", args=[task.pk])).content.decode()
    link = f"{reverse('exemplars:create')}?dang-ky={task.pk}"
    assert link in detail
    form = sonduong.get(link).content.decode()
    assert "Vận động 30 hộ làm nhà vệ sinh" in form and re.search(r'value="individual"[^>]*checked', form)
    response = sonduong.post(
        reverse("exemplars:create"),
        {"kind": "individual", "unit": world.units["076"].pk, "name": str(task.person), "position": "Chi hội trưởng",
         "achievements": "Vận động 30 hộ.", "period": "2020", "registration": task.pk, "client_token": uuid.uuid4()},
    )  # fmt: skip
    exemplar = Exemplar.objects.get()
    assert response.status_code == 302 and exemplar.registration == task and exemplar.person == task.person
    # A draft registration offers no button, and a nomination from it is refused.
    draft = make(unit="076", kind="content", status="draft", title="Nội dung còn nháp")
    assert (
        link.replace(str(task.pk), str(draft.pk))
        not in sonduong.get(reverse("registrations:detail", args=[draft.pk])).content.decode()
    )
    assert sonduong.get(f"{reverse('exemplars:create')}?dang-ky={draft.pk}").status_code == 403
    assert client_for("nahang").get(link).status_code == 404


def test_deciding_through_the_page(world, client_for):
    exemplar = make_exemplar(world)
    html = client_for("tinh").get(reverse("exemplars:detail", args=[exemplar.pk])).content.decode()
    assert "Xét công nhận" in html
    assert "Xét công nhận" not in client_for("sonduong").get(reverse("exemplars:detail", args=[exemplar.pk])).content.decode()
    client_for("tinh").post(reverse("exemplars:decide", args=[exemplar.pk]), {"decision": "reject", "note": ""})
    exemplar.refresh_from_db()
    assert exemplar.status == Status.NOMINATED
    client_for("tinh").post(reverse("exemplars:decide", args=[exemplar.pk]), {"decision": "recognise"})
    exemplar.refresh_from_db()
    assert exemplar.status == Status.RECOGNISED
