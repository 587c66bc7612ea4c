"""Small real files for uploads in tests: a PNG, a PDF, and hostile ones (an executable or HTML under an
innocent name, a file over the size limit). Files, not rows: plain functions, no model factories."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile


def png_bytes(size=(64, 48), color=(200, 30, 30)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def png_upload(name="anh.png", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(**kwargs), content_type="image/png")


def pdf_upload(name="bien-ban.pdf") -> SimpleUploadedFile:
    data = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def exe_disguised_as_pdf(name="bao-cao.pdf") -> SimpleUploadedFile:
    # The start of a Windows PE executable ("MZ" … "PE\0\0"), whatever the name says.
    data = (
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
        + b"\x00" * 44
        + b"\x80\x00\x00\x00"
        + b"\x00" * 64
        + b"PE\x00\x00"
        + b"\x00" * 400
    )
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def oversize_upload(name="video.pdf", megabytes=11) -> SimpleUploadedFile:
    data = b"%PDF-1.4\n" + b"0" * (megabytes * 1024 * 1024)
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def html_disguised_as_png(name="anh.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"<html><script>alert(1)</script></html>", content_type="image/png")
