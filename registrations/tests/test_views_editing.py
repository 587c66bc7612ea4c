"""Registering from the form (with and without autosave), editing, optimistic locking, escaping."""

import uuid

import pytest
from django.urls import reverse

from registrations.models import Registration

CREATE = reverse("registrations:create")
AUTOSAVE = reverse("registrations:autosave")


def _task_form(world, **overrides):
    from registrations.models import Field

    data = {
        "loai": "task",
        "unit": "076",
        "title": "Hướng dẫn hộ nghèo thôn Đồng Bèn nuôi ong lấy mật",
        "field": Field.objects.get(name="Kinh tế").pk,
        "starts_on": "2020-06-15",
        "ends_on": "2020-10-31",
        "description": "",
        "expected_result": "5 hộ có thêm thu nhập",
        "movements": [world.movements[2].pk],
        "client_token": str(uuid.uuid4()),
        "chi_tieu-TOTAL_FORMS": "2",
        "chi_tieu-INITIAL_FORMS": "0",
        "chi_tieu-MIN_NUM_FORMS": "0",
        "chi_tieu-MAX_NUM_FORMS": "20",
        "chi_tieu-0-name": "Hộ nuôi ong",
        "chi_tieu-0-unit_of_measure": "hộ",
        "chi_tieu-0-target_value": "5",
        "chi_tieu-1-name": "",
        "chi_tieu-1-unit_of_measure": "",
        "chi_tieu-1-target_value": "",
    }
    data.update(overrides)
    return data


def test_a_cadre_gets_the_short_task_form(client_for):
    response = client_for("canbo").get(CREATE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đăng ký việc làm “Dân vận khéo”" in html
    assert 'name="kind"' not in html and 'name="responsible"' not in html and 'name="areas"' not in html
    assert "Huyện Sơn Dương" in html and 'type="date"' in html
    assert 'hx-post="/dang-ky/luu-nhap/"' in html and "data-once" in html


def test_an_officer_gets_the_unit_form_with_areas(client_for):
    html = client_for("sonduong").get(CREATE + "?loai=model").content.decode()
    assert 'name="kind"' in html and 'name="areas"' in html and "Xã Tân Trào" in html
    assert "Xã Côn Lôn" not in html  # a commune of Na Hang is not in Sơn Dương's list


def test_submit_from_the_form_creates_and_submits_once_even_if_sent_twice(client_for, world):
    client = client_for("canbo")
    data = _task_form(world, action="submit")
    first = client.post(CREATE, data)
    second = client.post(CREATE, data)
    r = Registration.objects.get()
    assert first.status_code == 302 and first["Location"] == reverse("registrations:detail", args=[r.pk])
    assert second.status_code == 302 and second["Location"] == reverse("registrations:detail", args=[r.pk])
    assert r.status == "submitted" and r.person == world.users["canbo"] and r.responsible == "Phạm Thị Mai"
    assert r.transitions.count() == 1
    assert [(t.name, t.unit_of_measure, int(t.target_value)) for t in r.targets.all()] == [("Hộ nuôi ong", "hộ", 5)]
    assert list(r.movements.all()) == [world.movements[2]]


def test_submit_with_missing_fields_keeps_the_draft_and_marks_what_is_missing(client_for, world):
    response = client_for("canbo").post(CREATE, _task_form(world, action="submit", field="", expected_result=""))
    r = Registration.objects.get()
    assert response.status_code == 200 and r.status == "draft"
    html = response.content.decode()
    assert "Hãy chọn lĩnh vực." in html and "Hãy ghi kết quả dự kiến." in html
    assert "Đã lưu bản nháp" in html
    assert f'action="{reverse("registrations:edit", args=[r.pk])}"' in html


def test_a_date_typo_is_refused_and_nothing_is_saved(client_for, world):
    response = client_for("canbo").post(CREATE, _task_form(world, action="save", ends_on="2020-06-01"))
    assert response.status_code == 200 and not Registration.objects.exists()
    assert "Ngày kết thúc phải sau hoặc trùng ngày bắt đầu." in response.content.decode()
    assert "Hướng dẫn hộ nghèo thôn Đồng Bèn" in response.content.decode()  # what was typed is still there


def test_autosave_creates_the_draft_once_then_updates_it(client_for, world):
    client = client_for("canbo")
    data = _task_form(world)
    first = client.post(AUTOSAVE, data, HTTP_HX_REQUEST="true")
    r = Registration.objects.get()
    html = first.content.decode()
    assert "Đã lưu nháp lúc 10:42" in html
    assert f'name="version" id="id_version" value="{r.version}" hx-swap-oob="true"' in html
    assert first["HX-Replace-Url"] == reverse("registrations:edit", args=[r.pk])
    data.update(title="Hướng dẫn 5 hộ nghèo nuôi ong", version=str(r.version))
    client.post(AUTOSAVE, data, HTTP_HX_REQUEST="true")
    r.refresh_from_db()
    assert Registration.objects.count() == 1 and r.title == "Hướng dẫn 5 hộ nghèo nuôi ong" and r.version == 2
    assert r.status == "draft"


def test_autosave_without_a_title_or_with_a_bad_date_saves_nothing(client_for, world):
    client = client_for("canbo")
    assert "Nhập tên để bắt đầu" in client.post(AUTOSAVE, _task_form(world, title="")).content.decode()
    bad = client.post(AUTOSAVE, _task_form(world, ends_on="2020-01-01")).content.decode()
    assert "Chưa lưu nháp" in bad and "Ngày kết thúc" in bad
    assert not Registration.objects.exists()


def test_the_final_submit_overtaking_its_own_autosave_is_accepted(client_for, world):
    client = client_for("canbo")
    data = _task_form(world)
    client.post(AUTOSAVE, data)
    client.post(AUTOSAVE, {**data, "title": "Tên sau lần lưu tự động thứ hai", "version": "1"})
    r = Registration.objects.get()
    assert r.version == 2
    # The submit left the phone carrying version 1 (the second autosave's answer arrived later).
    response = client.post(
        reverse("registrations:edit", args=[r.pk]), {**data, "title": "Tên cuối cùng", "version": "1", "action": "submit"}
    )
    r.refresh_from_db()
    assert response.status_code == 302 and r.title == "Tên cuối cùng" and r.status == "submitted"


def test_a_stale_form_is_refused_with_what_changed_and_the_typed_text_kept(client_for, world, make):
    r = make(kind="content", status="draft", title="Tên ban đầu")
    edit = reverse("registrations:edit", args=[r.pk])
    form = client_for("sonduong").get(edit).context["form"]
    assert form.initial["version"] == 1
    base = {
        "unit": "076", "title": "Tên do tỉnh sửa", "field": r.field_id, "starts_on": "2020-03-01", "ends_on": "2020-11-30",
        "responsible": "Nguyễn Văn An", "expected_result": "Hoàn thành", "version": "1", "chi_tieu-TOTAL_FORMS": "0",
        "chi_tieu-INITIAL_FORMS": "0", "action": "save",
    }  # fmt: skip
    assert client_for("tinh").post(edit, base).status_code == 302
    response = client_for("sonduong").post(edit, {**base, "title": "Tên do huyện sửa"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "vừa được người khác sửa" in html and "Tên do tỉnh sửa" in html and 'value="Tên do huyện sửa"' in html
    r.refresh_from_db()
    assert r.title == "Tên do tỉnh sửa"


def test_a_script_in_the_title_is_shown_as_text(client_for, make):
    r = make(status="submitted", title="<script>alert('x')</script> Vận động")
    html = client_for("sonduong").get(reverse("registrations:detail", args=[r.pk])).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html


@pytest.mark.parametrize("username", ["tuyengiao", "quansat"])
def test_read_only_roles_cannot_open_the_form(client_for, username):
    assert client_for(username).get(CREATE).status_code == 403


def test_an_officer_cannot_open_the_task_form_without_a_cadre_role(client_for):
    assert client_for("sonduong").get(CREATE + "?loai=task").status_code == 403
    assert client_for("canbo").get(CREATE + "?loai=content").status_code == 403


def test_editing_a_submitted_registration_sends_back_to_its_page(client_for, make):
    r = make(status="submitted")
    response = client_for("canbo").get(reverse("registrations:edit", args=[r.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("registrations:detail", args=[r.pk])


def test_deleting_a_draft_needs_the_confirmation(client_for, make):
    r = make(status="draft")
    url = reverse("registrations:delete", args=[r.pk])
    client_for("canbo").post(url, {})
    assert Registration.objects.filter(pk=r.pk).exists()
    assert client_for("canbo").post(url, {"confirm": "1"}).status_code == 302
    assert not Registration.objects.filter(pk=r.pk).exists()
