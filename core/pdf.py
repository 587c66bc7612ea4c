"""Rendering a template from templates/pdf/ to PDF bytes with WeasyPrint.

The layout follows NĐ 30/2020 (docs/VN_DOCUMENT_FORMAT.md): A4, margins 20/20/30/15 mm, Times
New Roman metrics (Liberation Serif or Tinos, which carry every Vietnamese letter), page numbers
centred in the top margin from page 2. Documents are always rendered in Vietnamese, whatever
language the person who asked for them reads the portal in. WeasyPrint is imported here, inside the function: it
costs ~0.5 s to import and only workers need it.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


def render_pdf(template_name: str, context: dict) -> tuple[bytes, int]:
    """(pdf bytes, number of pages)."""
    from weasyprint import HTML

    with translation.override(settings.LANGUAGE_CODE):  # official documents are Vietnamese
        html = render_to_string(template_name, context)
    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render()
    return document.write_pdf(), len(document.pages)
