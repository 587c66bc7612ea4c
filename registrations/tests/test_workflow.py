"""The workflow rules: who submits, approves, returns, completes and evaluates what, with history."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.concurrency import StaleObjectError
from notifications.models import Notification
from registrations import services
from registrations.models import Registration, Transition

Status = Registration.Status


def test_a_cadre_task_goes_from_draft_to_evaluated_with_every_step_recorded(make, world):
    canbo, sonduong = world.users["canbo"], world.users["sonduong"]
    r = make(status="draft")
    assert r.status == Status.DRAFT and r.unit.code == "076" and r.person == canbo

    services.registration_submit(registration=r, by=canbo)
    assert r.status == Status.SUBMITTED and r.submitted_at is not None
    services.registration_approve(registration=r, by=sonduong, comment="Đồng ý")
    services.progress_add(registration=r, by=canbo, reported_on=dt.date(2020, 6, 9), text="Đã họp thôn", percent=50)
    r.refresh_from_db()
    assert r.status == Status.IN_PROGRESS and r.percent_done == 50
    services.registration_complete(registration=r, by=canbo)
    services.registration_evaluate(registration=r, by=sonduong, rating="excellent", comment="Cách làm khéo")
    r.refresh_from_db()
    assert r.status == Status.EVALUATED and r.rating == "excellent" and r.evaluated_at is not None
    steps = list(r.transitions.values_list("action", "from_status", "to_status", "by__username"))
    assert steps == [
        ("submit", "draft", "submitted", "canbo"),
        ("approve", "submitted", "approved", "sonduong"),
        ("start", "approved", "in_progress", "canbo"),
        ("complete", "in_progress", "completed", "canbo"),
        ("evaluate", "completed", "evaluated", "sonduong"),
    ]
    assert r.transitions.get(action="approve").comment == "Đồng ý"


def test_submitting_notifies_the_officers_of_the_cadre_unit_and_approval_notifies_the_cadre(make, world):
    r = make(status="submitted")
    to_sonduong = Notification.objects.filter(recipient=world.users["sonduong"], kind="registration_submitted")
    assert to_sonduong.count() == 1 and r.title in to_sonduong.get().title
    assert not Notification.objects.filter(recipient=world.users["tinh"], kind="registration_submitted").exists()
    services.registration_approve(registration=r, by=world.users["sonduong"])
    assert Notification.objects.filter(recipient=world.users["canbo"], kind="registration_decided").count() == 1


@pytest.mark.parametrize("username", ["tinh", "tantrao", "canbo", "nahang", "quansat", "tuyengiao"])
def test_only_an_officer_of_the_cadre_unit_approves_the_cadre_task(make, world, username):
    r = make(status="submitted")
    with pytest.raises(PermissionDenied):
        services.registration_approve(registration=r, by=world.users[username])
    r.refresh_from_db()
    assert r.status == Status.SUBMITTED and not r.transitions.filter(action="approve").exists()


def test_a_unit_registration_is_approved_by_the_level_above_not_by_the_unit(make, world):
    district = make(unit="076", kind="content", status="submitted")
    with pytest.raises(PermissionDenied):
        services.registration_approve(registration=district, by=world.users["sonduong"])
    assert services.registration_approve(registration=district, by=world.users["tinh"]) is not None
    # A commune's registration: its district approves (and the province may too).
    commune = make(unit="02545", kind="model", status="submitted", title="Mô hình của xã")
    with pytest.raises(PermissionDenied):
        services.registration_approve(registration=commune, by=world.users["tantrao"])
    services.registration_approve(registration=commune, by=world.users["sonduong"])
    assert commune.status == Status.APPROVED
    # The district's officers are told when a commune submits.
    assert Notification.objects.filter(
        recipient=world.users["sonduong"], kind="registration_submitted", target_id=commune.pk
    ).exists()


def test_the_province_own_model_is_approved_by_provincial_staff(make, world):
    r = make(unit="08", kind="model", status="submitted", title="Mô hình của tỉnh")
    with pytest.raises(PermissionDenied):
        services.registration_approve(registration=r, by=world.users["quansat"])
    services.registration_approve(registration=r, by=world.users["tinh"])
    assert r.status == Status.APPROVED


def test_returning_needs_a_reason_which_the_owner_sees_then_resubmits(make, world):
    r = make(status="submitted")
    with pytest.raises(ValidationError) as exc:
        services.registration_return(registration=r, by=world.users["sonduong"], reason="  ")
    assert "lý do" in exc.value.message_dict["reason"][0]
    services.registration_return(registration=r, by=world.users["sonduong"], reason="Ghi rõ thôn nào")
    assert r.status == Status.RETURNED
    assert Transition.objects.get(registration=r, action="return").comment == "Ghi rõ thôn nào"
    note = Notification.objects.get(recipient=world.users["canbo"], kind="registration_decided")
    assert note.body == "Ghi rõ thôn nào" and "trả lại" in note.title
    # The cadre corrects and sends it again.
    data = services.RegistrationInput(
        kind="task",
        unit=r.unit,
        campaign=r.campaign,
        title=r.title + " ở thôn Đồng Bèn",
        person=r.person,
        field=r.field,
        starts_on=r.starts_on,
        ends_on=r.ends_on,
        expected_result="5 hộ nuôi ong",
    )
    services.registration_update(registration=r, data=data, by=world.users["canbo"], expected_version=r.version)
    services.registration_submit(registration=r, by=world.users["canbo"])
    assert r.status == Status.SUBMITTED and r.transitions.filter(action="submit").count() == 2


def test_a_second_tap_on_a_button_changes_nothing(make, world):
    r = make(status="draft")
    assert services.registration_submit(registration=r, by=world.users["canbo"]) is not None
    assert services.registration_submit(registration=r, by=world.users["canbo"]) is None
    assert services.registration_approve(registration=r, by=world.users["sonduong"]) is not None
    assert services.registration_approve(registration=r, by=world.users["sonduong"]) is None
    assert r.transitions.count() == 2
    assert Notification.objects.filter(kind="registration_submitted").count() == 1


def test_a_returned_registration_cannot_then_be_approved(make, world):
    r = make(status="returned")
    with pytest.raises(ValidationError) as exc:
        services.registration_approve(registration=r, by=world.users["sonduong"])
    assert "Bị trả lại" in exc.value.messages[0]


def test_an_incomplete_draft_is_not_submitted_and_stays_as_it_was(make, world):
    r = make(status="draft", expected_result="")
    Registration.objects.filter(pk=r.pk).update(field=None)
    r.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.registration_submit(registration=r, by=world.users["canbo"])
    assert "lĩnh vực" in exc.value.messages[0] and "kết quả dự kiến" in exc.value.messages[0]
    r.refresh_from_db()
    assert r.status == Status.DRAFT and r.title


def test_completion_needs_a_progress_update_and_evaluation_a_rating_and_comment(make, world):
    r = make(status="approved")
    services.registration_start(registration=r, by=world.users["canbo"])
    with pytest.raises(ValidationError, match="cập nhật tiến độ"):
        services.registration_complete(registration=r, by=world.users["canbo"])
    services.progress_add(registration=r, by=world.users["canbo"], reported_on=dt.date(2020, 6, 1), text="Xong", percent=100)
    services.registration_complete(registration=r, by=world.users["canbo"])
    assert Notification.objects.filter(recipient=world.users["sonduong"], kind="registration_completed").exists()
    with pytest.raises(ValidationError) as exc:
        services.registration_evaluate(registration=r, by=world.users["sonduong"], rating="", comment="")
    assert set(exc.value.message_dict) == {"rating", "comment"}
    with pytest.raises(PermissionDenied):
        services.registration_evaluate(registration=r, by=world.users["canbo"], rating="good", comment="Tự đánh giá")


def test_nothing_is_edited_once_submitted(make, world):
    r = make(status="submitted")
    data = services.RegistrationInput(kind="task", unit=r.unit, campaign=r.campaign, title="Đổi tên", person=r.person)
    with pytest.raises(ValidationError, match="không sửa được"):
        services.registration_update(registration=r, data=data, by=world.users["canbo"], expected_version=r.version)


def test_a_stale_edit_is_refused_and_lists_what_changed(make, world):
    r = make(kind="content", status="draft", title="Tên cũ")
    loaded = r.version
    base = {"kind": "content", "unit": r.unit, "campaign": r.campaign, "field": r.field}
    services.registration_update(
        registration=Registration.objects.get(pk=r.pk), data=services.RegistrationInput(title="Tên của huyện", **base),
        by=world.users["sonduong"], expected_version=loaded,
    )  # fmt: skip
    with pytest.raises(StaleObjectError) as exc:
        services.registration_update(
            registration=r, data=services.RegistrationInput(title="Tên của tỉnh", **base), by=world.users["tinh"],
            expected_version=loaded,
        )  # fmt: skip
    assert ("tên nội dung, việc làm, mô hình", "Tên cũ", "Tên của huyện") in exc.value.changes
    assert Registration.objects.get(pk=r.pk).title == "Tên của huyện"


@pytest.mark.parametrize(
    ("starts", "ends", "field", "text"),
    [
        (dt.date(2020, 6, 1), dt.date(2020, 5, 1), "ends_on", "sau hoặc trùng ngày bắt đầu"),
        (dt.date(2019, 1, 1), dt.date(2019, 12, 1), "ends_on", "trước năm phong trào"),
        (dt.date(2021, 1, 5), dt.date(2021, 3, 1), "starts_on", "sau năm phong trào"),
    ],
)
def test_wrong_dates_are_refused_with_a_vietnamese_message(make, world, starts, ends, field, text):
    with pytest.raises(ValidationError) as exc:
        make(status="draft", starts_on=starts, ends_on=ends)
    assert text in exc.value.message_dict[field][0]
    assert not Registration.objects.exists()


def test_a_cadre_registers_only_her_own_task_and_not_a_unit_content(make, world, cadre):
    other = cadre("076", "canbo2")
    with pytest.raises(PermissionDenied):
        make(person="canbo", by=other)
    with pytest.raises(PermissionDenied):
        make(kind="content", by=world.users["canbo"])
    with pytest.raises(ValidationError, match="không phải cán bộ"):
        make(unit="072", person="canbo")


def test_the_same_form_sent_twice_creates_one_registration(world):
    import uuid

    from campaigns.models import Campaign

    token = uuid.uuid4()
    data = services.RegistrationInput(
        kind="task", unit=world.units["076"], campaign=Campaign.objects.get(year=2020), title="Việc làm",
        person=world.users["canbo"], targets=[services.TargetInput("Hộ", Decimal("5"), "hộ")],
    )  # fmt: skip
    first = services.registration_create(data=data, by=world.users["canbo"], client_token=token)
    second = services.registration_create(data=data, by=world.users["canbo"], client_token=token)
    assert first.pk == second.pk and Registration.objects.count() == 1 and first.targets.count() == 1


def test_only_a_draft_is_deleted(make, world):
    draft = make(status="draft")
    sent = make(status="submitted", title="Đã gửi")
    with pytest.raises(PermissionDenied):
        services.registration_delete(registration=draft, by=world.users["sonduong"])
    with pytest.raises(ValidationError):
        services.registration_delete(registration=sent, by=world.users["canbo"])
    services.registration_delete(registration=draft, by=world.users["canbo"])
    assert list(Registration.objects.values_list("pk", flat=True)) == [sent.pk]


def test_history_records_who_changed_the_registration(make, world):
    r = make(kind="content", status="draft")
    assert r.history.first().history_user == world.users["sonduong"]
    services.registration_submit(registration=r, by=world.users["sonduong"])
    services.registration_approve(registration=r, by=world.users["tinh"])
    assert r.history.order_by("-history_date", "-history_id").first().history_user == world.users["tinh"]
