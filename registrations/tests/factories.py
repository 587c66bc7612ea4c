"""Registrations in any state of the workflow, made through the services (for tests and the
access matrix). Units and people come from the test world (conftest.world). A registration is
walked through the services rather than built by a model factory, so that it holds its history,
targets and progress exactly as the portal writes them."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from accounts.models import Membership
from campaigns.models import Campaign, Movement
from registrations import services
from registrations.models import Field, Registration
from registrations.services.fields import fields_ensure_defaults
from units.models import Unit

Status = Registration.Status
ORDER = [Status.DRAFT, Status.SUBMITTED, Status.APPROVED, Status.IN_PROGRESS, Status.COMPLETED, Status.EVALUATED]


def owner_of(registration_unit: Unit, kind: str, person=None):
    if kind == Registration.Kind.TASK:
        return person
    return Membership.objects.officers_of(registration_unit.committee).select_related("user").order_by("id").first().user


def approver_of(registration: Registration):
    return Membership.objects.officers_of(registration.approver_unit).select_related("user").order_by("id").first().user


def make_registration(
    *,
    unit: Unit,
    kind: str = Registration.Kind.TASK,
    person=None,
    status: str = Status.DRAFT,
    title: str = "Vận động nhân dân hiến đất làm đường giao thông nông thôn",
    field: Field | None = None,
    targets=(("Số hộ hiến đất", "hộ", Decimal("20")),),
    starts_on=dt.date(2020, 3, 1),
    ends_on=dt.date(2020, 11, 30),
    rating: str = Registration.Rating.GOOD,
    movements=None,
    areas=(),
    by=None,
    **extra,
) -> Registration:
    """Create a registration and walk it to `status` (RETURNED: submitted then returned)."""
    campaign = extra.pop("campaign", None) or Campaign.objects.get(year=2020)
    fields_ensure_defaults(campaign)
    owner = by or owner_of(unit, kind, person)
    data = services.RegistrationInput(
        kind=kind, unit=unit, campaign=campaign, title=title, person=person if kind == Registration.Kind.TASK else None,
        description=extra.pop("description", "Mô tả cách làm"), field=field or Field.objects.filter(campaign=campaign).order_by("position").first(),
        movements=list(movements if movements is not None else Movement.objects.order_by("position")[:1]),
        areas=list(areas), starts_on=starts_on, ends_on=ends_on, responsible=extra.pop("responsible", "Nguyễn Văn An"),
        expected_result=extra.pop("expected_result", "Hoàn thành đúng hạn"),
        targets=[services.TargetInput(n, v, u) for n, u, v in targets], **extra,
    )  # fmt: skip
    registration = services.registration_create(data=data, by=owner)
    if status == Status.DRAFT:
        return registration
    services.registration_submit(registration=registration, by=owner)
    approver = approver_of(registration)
    if status == Status.RETURNED:
        services.registration_return(registration=registration, by=approver, reason="Cần ghi rõ chỉ tiêu.")
        return registration
    if ORDER.index(status) >= ORDER.index(Status.APPROVED):
        services.registration_approve(registration=registration, by=approver)
    if ORDER.index(status) >= ORDER.index(Status.IN_PROGRESS):
        target = registration.targets.first()
        services.progress_add(
            registration=registration, by=owner, reported_on=timezone.localdate(), text="Đã họp dân, vận động được 12 hộ.",
            percent=60, values={target.pk: Decimal("12")} if target else {},
        )  # fmt: skip
    if ORDER.index(status) >= ORDER.index(Status.COMPLETED):
        services.registration_complete(registration=registration, by=owner)
    if status == Status.EVALUATED:
        services.registration_evaluate(registration=registration, by=approver, rating=rating, comment="Thực hiện tốt.")
    registration.refresh_from_db()
    return registration
