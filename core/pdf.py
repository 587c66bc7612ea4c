"""Rendering a template from templates/pdf/ to PDF bytes with WeasyPrint.

The layout follows NĐ 30/2020 (docs/VN_DOCUMENT_FORMAT.md): A4, margins 20/20/30/15 mm, Times
New Roman metrics (Liberation Serif or Tinos, which carry every Vietnamese letter), page numbers
centred in the top margin from page 2. Documents are always rendered in Vietnamese, whatever
language the person who asked for them reads the portal in. WeasyPrint is imported here, inside the function: it
costs ~0.5 s to import and only workers need it.

What a document refers to (a stylesheet, an image) is fetched by the portal's own fetcher, never by
WeasyPrint's default one, which reads any file:// path and fetches any http(s) address from the
worker's machine. Ours serves the portal's static files (from the staticfiles finders or
STATIC_ROOT) and the files the caller names (a document's own images), from disk, by their
address on the portal; it never goes to the network, and refuses everything else with a warning.
"""

from __future__ import annotations

import logging
import mimetypes
import os
import posixpath
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import IO
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)

# Opens one file a document may show: (binary file object, MIME type).
Opener = Callable[[], tuple[IO[bytes], str]]


class RefusedResource(Exception):
    """A document referred to something that is neither a static file nor one of its own files."""


def base_url() -> str:
    """Relative addresses in a document are read as addresses on the portal."""
    return settings.PORTAL_BASE_URL.rstrip("/") + "/"


def render_pdf(template_name: str, context: dict, *, files: Mapping[str, Opener] | None = None) -> tuple[bytes, int]:
    """(pdf bytes, number of pages). `files`: the document's own files, by their path on the portal
    ("/tep/12/" → an opener), the only ones besides static files that it may show."""
    from weasyprint import HTML

    with translation.override(settings.LANGUAGE_CODE):  # official documents are Vietnamese
        html = render_to_string(template_name, context)
    document = HTML(string=html, base_url=base_url(), url_fetcher=url_fetcher(files)).render()
    return document.write_pdf(), len(document.pages)


def url_fetcher(files: Mapping[str, Opener] | None = None):
    return _fetcher_class()(dict(files or {}))


def open_resource(url: str, files: Mapping[str, Opener]) -> tuple[IO[bytes], str]:
    """The portal file `url` names, opened from disk; RefusedResource for anything else."""
    base = base_url()
    if not url.lower().startswith(base.lower()):
        raise RefusedResource("not an address on the portal")
    path = unquote(urlsplit(url).path)
    if path in files:
        return files[path]()
    static = urljoin(base, settings.STATIC_URL)
    if url.lower().startswith(static.lower()):
        found = _static_file(path[len(urlsplit(static).path) :])
        if found is not None:
            return open(found, "rb"), mimetypes.guess_type(found)[0] or "application/octet-stream"
    raise RefusedResource("neither a static file of the portal nor a file of this document")


def _static_file(relative: str) -> str | None:
    relative = posixpath.normpath(relative)
    if "\x00" in relative or relative.startswith(("/", "..")) or relative == ".":
        return None
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation:
        return None
    if found and os.path.isfile(found):
        return found
    if settings.STATIC_ROOT:  # collected files (hashed names in production)
        root = Path(settings.STATIC_ROOT).resolve()
        candidate = (root / relative).resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            return str(candidate)
    return None


@cache
def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class PortalURLFetcher(URLFetcher):
        def __init__(self, files: dict[str, Opener]):
            # WeasyPrint's own fetching is kept for data: addresses only (no file, no network).
            super().__init__(allowed_protocols={"data"})
            self.files = files

        def fetch(self, url, headers=None):
            if url[:5].lower() == "data:":
                return super().fetch(url, headers)
            try:
                body, mime = open_resource(url, self.files)
            except RefusedResource as exc:
                logger.warning("PDF: not fetching %s: %s", url[:300], exc)
                raise
            return URLFetcherResponse(url, body, {"Content-Type": mime})

    return PortalURLFetcher
