"""What a PDF may show besides its own text (issue 16, finding 10): the portal's static files and the
document's own images, read from disk; never a local path (file://) nor anything on the network."""

import copy
import http.server
import io
import shutil
import subprocess
import threading
import urllib.request

import pytest

from core import pdf
from documents import renderers
from documents.models import GeneratedDocument
from documents.services import attachment_add, document_request
from documents.tests.factories import png_upload

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

HOSTILE = """<!doctype html><html lang="vi"><head><meta charset="utf-8">
<link rel="stylesheet" href="file://{{ secret_css }}">
<link rel="stylesheet" href="file:///etc/passwd">
<link rel="stylesheet" href="http://127.0.0.1:{{ port }}/style.css">
<link rel="stylesheet" href="{{ static_css }}">
</head><body>
<p>Nội dung văn bản</p>
<img src="file:///etc/passwd"><img src="http://127.0.0.1:1/x"><img src="http://127.0.0.1:{{ port }}/anh.png">
<img src="{{ own_image }}"><img src="{{ other_image }}">
</body></html>"""


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list = []

    def do_GET(self):
        self.hits.append(self.path)
        body = b'p::after { content: "BI-MAT-MANG"; }'
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def web_server():
    _Recorder.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], _Recorder.hits
    server.shutdown()
    server.server_close()


@pytest.fixture
def hostile_template(settings):
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["APP_DIRS"] = False
    templates[0]["OPTIONS"]["loaders"] = [
        ("django.template.loaders.locmem.Loader", {"pdf/test_hostile.html": HOSTILE}),
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
    ]
    settings.TEMPLATES = templates
    return "pdf/test_hostile.html"


@pytest.fixture
def opened_urls(monkeypatch):
    """Every address that reached urllib (WeasyPrint's way to read files and the network)."""
    seen = []
    real = urllib.request.OpenerDirector.open

    def spy(self, url, *args, **kwargs):
        full = url.full_url if isinstance(url, urllib.request.Request) else url
        if not full.startswith("data:"):
            seen.append(full)
        return real(self, url, *args, **kwargs)

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", spy)
    return seen


def _saved(document, tmp_path):
    path = tmp_path / "x.pdf"
    with document.file.open("rb") as f:
        path.write_bytes(f.read())
    return path


def _text(document, tmp_path) -> str:
    path = _saved(document, tmp_path)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _images(document, tmp_path) -> list[list[str]]:
    path = _saved(document, tmp_path)
    listing = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in listing.splitlines()[2:] if line.strip()]


@needs_poppler
def test_a_document_neither_reads_local_files_nor_fetches_addresses(
    world, hostile_template, web_server, opened_urls, tmp_path, caplog, django_capture_on_commit_callbacks
):
    port, hits = web_server
    secret = tmp_path / "secret.css"
    secret.write_text('p::before { content: "BI-MAT-TEP"; }')
    unit, other = world.units["076"], world.units["072"]
    own = attachment_add(owner=unit, uploaded=png_upload("anh-cua-van-ban.png", size=(40, 30)), by=None)
    foreign = attachment_add(owner=other, uploaded=png_upload("anh-nơi-khác.png", size=(50, 20)), by=None)
    renderers.register(
        "test_hostile",
        lambda owner: renderers.RenderSpec(
            hostile_template,
            {
                "secret_css": secret,
                "port": port,
                "static_css": "/static/css/portal.css",
                "own_image": f"/tep/{own.pk}/",
                "other_image": f"/tep/{foreign.pk}/",
            },
        ),
    )
    with caplog.at_level("WARNING"), django_capture_on_commit_callbacks(execute=True):
        document = document_request(owner=unit, kind="test_hostile", source_key="hostile:1", title="Thử", filename="thu.pdf")
    document.refresh_from_db()
    assert document.status == GeneratedDocument.Status.DONE, document.error
    text = _text(document, tmp_path)
    assert "Nội dung văn bản" in text
    assert "BI-MAT-TEP" not in text and "BI-MAT-MANG" not in text
    assert hits == [] and opened_urls == []  # nothing asked of the network, no file:// read
    refused = " ".join(r.getMessage() for r in caplog.records if r.name == "core.pdf")
    for url in ("file:///etc/passwd", "http://127.0.0.1:1/x", f"http://127.0.0.1:{port}/style.css", f"/tep/{foreign.pk}/"):
        assert url in refused, url
    # Its own image is in the PDF (40×30), the other unit's is not; the portal's stylesheet was read.
    assert [(row[3], row[4]) for row in _images(document, tmp_path)] == [("40", "30")]
    assert "/static/css/portal.css" not in refused


def test_the_fetcher_serves_static_files_and_named_files_only(settings):
    settings.PORTAL_BASE_URL = "https://dvk.example.vn"
    fetch = pdf.url_fetcher({"/tep/7/": lambda: (io.BytesIO(b"PNG"), "image/png")})
    portal_css = (settings.BASE_DIR / "static" / "css" / "portal.css").read_bytes()
    response = fetch("https://dvk.example.vn/static/css/portal.css?v=2")
    assert response.read() == portal_css and response.content_type == "text/css"
    response.close()
    assert fetch("https://dvk.example.vn/tep/7/").content_type == "image/png"
    assert fetch("data:text/css,p%7Bcolor:red%7D").read() == b"p{color:red}"
    for refused in (
        "file:///etc/passwd",
        f"file://{settings.BASE_DIR}/static/css/portal.css",
        "http://127.0.0.1:1/x",
        "https://dvk.example.vn.attacker.test/static/css/portal.css",
        "https://dvk.example.vn/static/../danvan/settings/base.py",
        "https://dvk.example.vn/static/%2e%2e/%2e%2e/etc/passwd",
        "https://dvk.example.vn/static/css/khong-co.css",
        "https://dvk.example.vn/tep/8/",
        "https://dvk.example.vn/media/attachments/x.png",
        "ftp://dvk.example.vn/static/css/portal.css",
    ):
        with pytest.raises(pdf.RefusedResource):
            fetch(refused)
