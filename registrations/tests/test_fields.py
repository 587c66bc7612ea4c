"""The list of fields of work is edited by provincial staff in the portal."""

from django.urls import reverse

from registrations.models import Field


def test_provincial_staff_add_rename_and_retire_a_field(client_for, make):
    client = client_for("tinh")
    assert (
        client.post(
            reverse("registrations:field_create"), {"name": "Môi trường", "position": "60", "is_active": "on"}
        ).status_code
        == 302
    )
    field = Field.objects.get(name="Môi trường")
    used = make(status="submitted", field=field)
    edit = reverse("registrations:field_edit", args=[field.pk])
    client.post(edit, {"name": "Tài nguyên - môi trường", "position": "60"})  # unticked: retired
    field.refresh_from_db()
    assert field.name == "Tài nguyên - môi trường" and not field.is_active
    used.refresh_from_db()
    assert used.field == field  # the old registration keeps it
    html = client_for("canbo").get(reverse("registrations:create")).content.decode()
    assert "Tài nguyên - môi trường" not in html and "Kinh tế" in html
    assert "Tài nguyên - môi trường" in client.get(reverse("registrations:fields")).content.decode()


def test_a_duplicate_name_is_refused(client_for):
    response = client_for("tinh").post(reverse("registrations:field_create"), {"name": "kinh tế", "position": "1"})
    assert response.status_code == 200 and "Đã có lĩnh vực “kinh tế”" in response.content.decode()
    assert Field.objects.count() == 5


def test_others_cannot_change_the_list(client_for):
    response = client_for("sonduong").post(reverse("registrations:field_create"), {"name": "Khác nữa", "position": "1"})
    assert response.status_code == 403 and not Field.objects.filter(name="Khác nữa").exists()
