"""Progress updates with figures and evidence: uploads checked by content and size, stored
privately, thumbnails for images, served only to those who see the registration."""

import datetime as dt
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from documents.models import Attachment
from documents.tests.factories import exe_disguised_as_pdf, html_disguised_as_png, oversize_upload, pdf_upload, png_upload
from registrations.models import ProgressUpdate


@pytest.fixture
def approved(make):
    return make(status="approved")


def _post(client, registration, **extra):
    target = registration.targets.get()
    data = {
        "reported_on": "2020-06-09",
        "percent": "40",
        "text": "Đã họp thôn, 12 hộ đăng ký hiến đất.",
        f"target_{target.pk}": "12",
        "client_token": str(uuid.uuid4()),
    }
    data.update(extra)
    return client.post(reverse("registrations:progress_add", args=[registration.pk]), data)


def _media_files():
    return sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())


def test_a_progress_update_with_a_photo_starts_the_work_and_keeps_a_thumbnail(client_for, approved):
    response = _post(client_for("canbo"), approved, files=[png_upload("ảnh họp thôn.png", size=(1200, 900))])
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.status == "in_progress" and approved.percent_done == 40
    update = ProgressUpdate.objects.get()
    assert update.values.get().value == 12 and update.created_by.username == "canbo"
    attachment = Attachment.objects.get()
    assert attachment.owner == update and attachment.thumbnail and attachment.original_name == "ảnh họp thôn.png"
    assert not attachment.file.name.startswith(("static", "/static"))
    html = client_for("canbo").get(reverse("registrations:detail", args=[approved.pk])).content.decode()
    assert reverse("documents:thumbnail", args=[attachment.pk]) in html and "12 hộ" in html


def test_an_oversize_file_refuses_the_whole_update_and_keeps_the_text(client_for, approved):
    before = _media_files()
    response = _post(client_for("canbo"), approved, files=[png_upload(), oversize_upload()])
    assert response.status_code == 200
    html = response.content.decode()
    assert "vượt quá giới hạn 10,0 MB" in html and "Đã họp thôn, 12 hộ đăng ký hiến đất." in html
    assert not ProgressUpdate.objects.exists() and not Attachment.objects.exists()
    assert _media_files() == before
    approved.refresh_from_db()
    assert approved.status == "approved"


@pytest.mark.parametrize("upload", [exe_disguised_as_pdf, html_disguised_as_png])
def test_a_disguised_file_is_refused_by_its_content(client_for, approved, upload):
    response = _post(client_for("canbo"), approved, files=[upload()])
    assert response.status_code == 200 and "không được nhận" in response.content.decode()
    assert not ProgressUpdate.objects.exists() and not Attachment.objects.exists()


def test_a_pdf_is_kept_without_thumbnail(client_for, approved):
    _post(client_for("canbo"), approved, files=[pdf_upload()])
    attachment = Attachment.objects.get()
    assert attachment.mime == "application/pdf" and not attachment.thumbnail


def test_evidence_is_served_only_to_people_who_see_the_registration(client_for, approved):
    _post(client_for("canbo"), approved, files=[png_upload()])
    attachment = Attachment.objects.get()
    for name in ("documents:attachment", "documents:thumbnail"):
        url = reverse(name, args=[attachment.pk])
        for username, status in (("canbo", 200), ("sonduong", 200), ("tinh", 200), ("quansat", 200), ("nahang", 404),
                                 ("tantrao", 404)):  # fmt: skip
            assert client_for(username).get(url).status_code == status, (name, username)
    response = client_for("canbo").get(reverse("documents:attachment", args=[attachment.pk]))
    assert response["Content-Type"] == "image/png" and response["X-Content-Type-Options"] == "nosniff"


def test_a_future_date_and_a_percent_over_100_are_refused(client_for, approved):
    response = _post(client_for("canbo"), approved, reported_on="2020-06-11")
    assert response.status_code == 200 and "không được sau hôm nay" in response.content.decode()
    response = _post(client_for("canbo"), approved, percent="120")
    assert response.status_code == 200 and "100" in response.context["form"].errors["percent"][0]
    assert not ProgressUpdate.objects.exists()


def test_the_same_update_sent_twice_is_added_once(client_for, approved):
    token = str(uuid.uuid4())
    _post(client_for("canbo"), approved, client_token=token)
    _post(client_for("canbo"), approved, client_token=token)
    assert ProgressUpdate.objects.count() == 1


def test_the_latest_dated_update_gives_the_percent(client_for, approved):
    from registrations import services

    canbo = approved.person
    services.progress_add(registration=approved, by=canbo, reported_on=dt.date(2020, 6, 5), text="Lần 2", percent=70)
    services.progress_add(registration=approved, by=canbo, reported_on=dt.date(2020, 5, 1), text="Bổ sung lần 1", percent=30)
    approved.refresh_from_db()
    assert approved.percent_done == 70


def test_only_the_owner_adds_progress(client_for, approved):
    url = reverse("registrations:progress_add", args=[approved.pk])
    assert client_for("sonduong").get(url).status_code == 403
    assert client_for("nahang").get(url).status_code == 404
    assert client_for("canbo").get(url).status_code == 200
