"""PDF documents: rendered by a task, once per state, with the national document layout."""

import datetime as dt
import shutil
import subprocess

import pytest

from core import docformat
from documents import renderers
from documents.models import GeneratedDocument
from documents.services import document_render, document_request


def _spec(unit):
    head = docformat.DocumentHead(
        parent_lines=docformat.unit_parent_lines(unit),
        issuer="BAN THƯỜNG TRỰC",
        number_line=docformat.number_line("05/KH-MTTQ-BTT"),
        place_date=docformat.place_date(docformat.unit_place(unit), dt.date(2020, 2, 12)),
        type_name="KẾ HOẠCH",
        summary="Thử nghiệm trình bày văn bản",
    )
    foot = docformat.DocumentFoot(name="Nguyễn Văn A", recipients=["Ban Dân vận Tỉnh ủy", "Lưu: VT, BTG"])
    return renderers.RenderSpec("pdf/base.html", {"head": head, "foot": foot})


@pytest.fixture
def registered_kind():
    renderers.register("test_layout", _spec)
    return "test_layout"


def test_request_renders_once_per_state(world, registered_kind, django_capture_on_commit_callbacks):
    unit = world.units["08"]
    with django_capture_on_commit_callbacks(execute=True):
        first = document_request(owner=unit, kind=registered_kind, source_key="unit:08:v1", title="Thử", filename="thu.pdf")
    first.refresh_from_db()
    assert first.status == GeneratedDocument.Status.DONE and first.pages == 1 and first.size > 1000
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = document_request(owner=unit, kind=registered_kind, source_key="unit:08:v1", title="Thử", filename="thu.pdf")
    assert again.pk == first.pk and callbacks == []
    # Rendering a finished document again is a no-op (a task delivered twice).
    assert document_render(document_id=first.pk).file.name == first.file.name


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_has_the_header_block_and_a_vietnamese_font(world, registered_kind, django_capture_on_commit_callbacks, tmp_path):
    unit = world.units["08"]
    with django_capture_on_commit_callbacks(execute=True):
        document = document_request(owner=unit, kind=registered_kind, source_key="unit:08:v2", title="Thử", filename="thu.pdf")
    document.refresh_from_db()
    path = tmp_path / "x.pdf"
    path.write_bytes(document.file.read())
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    for expected in [
        "ỦY BAN MTTQ VIỆT NAM",
        "TỈNH TUYÊN QUANG",
        "BAN THƯỜNG TRỰC",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 05/KH-MTTQ-BTT",
        "Tuyên Quang, ngày 12 tháng 02 năm 2020",
        "KẾ HOẠCH",
        "Nơi nhận:",
        "TM. BAN THƯỜNG TRỰC",
        "Nguyễn Văn A",
    ]:
        assert expected in text, expected
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "LiberationSerif" in fonts.replace("-", "") or "Tinos" in fonts, fonts


def test_a_failed_render_is_recorded_and_can_be_asked_again(world, django_capture_on_commit_callbacks):
    def broken(owner):
        raise RuntimeError("template missing")

    renderers.register("broken_kind", broken)
    unit = world.units["08"]
    with django_capture_on_commit_callbacks(execute=True):
        document = document_request(owner=unit, kind="broken_kind", source_key="k1", title="Hỏng", filename="h.pdf")
    document.refresh_from_db()
    assert document.status == GeneratedDocument.Status.FAILED and "template missing" in document.error
    renderers.register("broken_kind", _spec)
    with django_capture_on_commit_callbacks(execute=True):
        document_request(owner=unit, kind="broken_kind", source_key="k1", title="Hỏng", filename="h.pdf")
    document.refresh_from_db()
    assert document.status == GeneratedDocument.Status.DONE


def test_status_page_polls_until_done(world, client_for):
    from django.contrib.contenttypes.models import ContentType

    unit = world.units["076"]
    document = GeneratedDocument.objects.create(
        owner_type=ContentType.objects.get_for_model(unit),
        owner_id=unit.pk,
        kind="k",
        source_key="s",
        title="Kế hoạch",
        filename="k.pdf",
    )
    html = client_for("sonduong").get(f"/van-ban/{document.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in html and "đang chờ tạo" in html
    partial = client_for("sonduong").get(f"/van-ban/{document.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert partial.strip().startswith('<div id="document-status"')
    assert client_for("sonduong").get(f"/van-ban/{document.pk}/tai-ve/").status_code == 404
