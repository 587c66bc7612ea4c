"""Uploads are checked by content, stored privately, and served only to those who see the owner."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import Attachment
from documents.services import attachment_add
from documents.tests.factories import exe_disguised_as_pdf, html_disguised_as_png, oversize_upload, pdf_upload, png_upload


@pytest.fixture
def son_duong(world):
    return world.units["076"]


def test_an_image_is_stored_with_a_thumbnail_under_a_random_name(son_duong, world):
    a = attachment_add(owner=son_duong, uploaded=png_upload("ảnh hội nghị.png", size=(1600, 1200)), by=world.users["sonduong"])
    assert a.mime == "image/png" and a.original_name == "ảnh hội nghị.png"
    assert "hội" not in a.file.name and a.file.name.endswith(".png")
    assert a.thumbnail and a.thumbnail.name.endswith(".jpg")
    from PIL import Image

    with a.thumbnail.open("rb") as fh, Image.open(fh) as thumb:
        assert max(thumb.size) == 480


def test_a_pdf_is_accepted(son_duong, world):
    assert attachment_add(owner=son_duong, uploaded=pdf_upload(), by=world.users["sonduong"]).mime == "application/pdf"


def test_an_executable_named_pdf_is_refused_by_content(son_duong, world):
    with pytest.raises(ValidationError) as excinfo:
        attachment_add(owner=son_duong, uploaded=exe_disguised_as_pdf(), by=world.users["sonduong"])
    assert "không phải là ảnh" in excinfo.value.messages[0]
    assert Attachment.objects.count() == 0


def test_html_named_png_is_refused(son_duong, world):
    with pytest.raises(ValidationError):
        attachment_add(owner=son_duong, uploaded=html_disguised_as_png(), by=world.users["sonduong"])


def test_an_oversize_file_is_refused_with_the_limit(son_duong, world):
    with pytest.raises(ValidationError) as excinfo:
        attachment_add(owner=son_duong, uploaded=oversize_upload(), by=world.users["sonduong"])
    assert "vượt quá giới hạn 10,0 MB" in excinfo.value.messages[0]


def test_a_truncated_image_is_refused(son_duong, world):
    data = png_upload().read()[:60]
    with pytest.raises(ValidationError):
        attachment_add(owner=son_duong, uploaded=SimpleUploadedFile("x.png", data), by=world.users["sonduong"])


def test_download_is_served_only_to_those_who_see_the_owner(son_duong, world, client_for):
    a = attachment_add(owner=son_duong, uploaded=pdf_upload("biên bản.pdf"), by=world.users["sonduong"])
    response = client_for("sonduong").get(f"/tep/{a.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "bi%C3%AAn%20b%E1%BA%A3n.pdf" in response["Content-Disposition"]
    assert client_for("nahang").get(f"/tep/{a.pk}/").status_code == 404
    assert client_for(None).get(f"/tep/{a.pk}/").status_code == 302


def test_media_files_are_not_reachable_by_url(son_duong, world, client_for):
    a = attachment_add(owner=son_duong, uploaded=png_upload(), by=world.users["sonduong"])
    assert client_for("tinh").get("/media/" + a.file.name).status_code == 404
    assert client_for("tinh").get("/_private-media-not-served/" + a.file.name).status_code == 404
