"""The article body's HTML allowlist (nh3, the Rust "ammonia" sanitiser).

Applied by the article services before a body is stored, so the database only ever holds clean
HTML; the templates render `article.body` (and nothing else an author typed) unescaped. Links keep
only http, https and mailto URLs and get rel="nofollow noopener"; images are kept only when they
point at one of this article's own photos on the portal (`/tin-tuc/anh/<id>/`), so an article can
neither track its readers through a foreign server nor show another article's unpublished photo.
No style, class, id or event attribute survives.
"""

import re
from collections.abc import Iterable

import nh3

TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "blockquote", "h2", "h3", "h4", "a", "img",
    "figure", "figcaption", "table", "thead", "tbody", "tr", "th", "td", "caption",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# Whole elements (with their content) that are never text worth keeping.
DROP_WITH_CONTENT = {"script", "style", "svg", "math", "iframe", "object", "embed", "noscript", "template", "textarea", "select"}
PHOTO_SRC = re.compile(r"^/tin-tuc/anh/(\d+)/(?:nho/)?$")
_BLOCK_START = re.compile(r"<\s*(p|h[2-4]|ul|ol|li|blockquote|figure|table|img|div)\b", re.IGNORECASE)


def photo_id(src: str) -> int | None:
    match = PHOTO_SRC.match(src or "")
    return int(match.group(1)) if match else None


def text_to_paragraphs(text: str) -> str:
    """Text typed in the box: blank lines separate paragraphs and single line breaks stay; a chunk
    that already starts with a block tag (a heading, a list, a photo…) is left as it is. The result
    still goes through the sanitiser (inline markup is kept or removed there)."""
    chunks = [c.strip() for c in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if c.strip()]
    return "".join(c if _BLOCK_START.match(c) else "<p>" + c.replace("\n", "<br>") + "</p>" for c in chunks)


def clean_body(value: str, *, photo_ids: Iterable[int] = ()) -> str:
    """The body as stored: allowlisted HTML; images only of the given photos of the article."""
    value = (value or "").strip()
    if not value:
        return ""
    value = text_to_paragraphs(value)
    allowed_photos = {int(i) for i in photo_ids}

    def keep(tag, attr, val):
        if tag == "img" and attr == "src":
            pk = photo_id(val)
            return val if pk is not None and pk in allowed_photos else None
        if attr in ("width", "height"):
            return val if val.isdigit() and len(val) <= 4 else None
        return val

    cleaned = nh3.clean(
        value,
        tags=TAGS,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes=ATTRIBUTES,
        attribute_filter=keep,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener",
        strip_comments=True,
    )
    # An <img> whose src was refused is an empty box: drop it.
    return re.sub(r"<img(?![^>]*\ssrc=)[^>]*>", "", cleaned).strip()


def plain_text(value: str, *, max_length: int | None = None) -> str:
    """Title, summary, names are plain text: kept as typed (markup included, as text) and escaped
    wherever they are shown; only control characters go and runs of spaces shrink."""
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", value or "")
    text = re.sub(r"[ \t]+", " ", text).strip()
    return text[:max_length] if max_length else text


_ONLY_PARAGRAPHS = re.compile(r"^(\s*<p>(?:(?!</?(?:p|h[2-4]|ul|ol|li|blockquote|figure|table|img)\b).)*</p>)+\s*$", re.DOTALL)
_BLOCK_END = re.compile(r"(</(?:p|h[2-4]|ul|ol|blockquote|figure|table)>)(?!\n)")


def body_for_editing(body: str) -> str:
    """The stored body as the writer edits it in the text box: paragraphs of plain text separated by
    a blank line when it is only that (clean_body turns them back into the same HTML), otherwise the
    HTML with one block per paragraph so that it stays readable."""
    body = (body or "").strip()
    if _ONLY_PARAGRAPHS.match(body):
        paragraphs = re.findall(r"<p>(.*?)</p>", body, re.DOTALL)
        return "\n\n".join(p.replace("<br>", "\n") for p in paragraphs)
    return _BLOCK_END.sub(r"\1\n\n", body).strip()
