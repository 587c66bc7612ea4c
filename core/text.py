"""Vietnamese text helpers: NFC storage and diacritic-insensitive search keys.

Search folds both sides the same way: NFD, drop combining marks, đ→d, lower case, collapse
whitespace. So "dan van kheo" finds "Dân vận khéo" and "hoa" finds "Hòa" and "Hoà" (the two
tone-mark placements GSO mixes, which NFC alone does not unify).
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_D_MAP = str.maketrans({"đ": "d", "Đ": "d"})


def nfc(value: str | None) -> str | None:
    if value is None:
        return None
    return unicodedata.normalize("NFC", value)


def fold(value: str | None) -> str:
    """The search key of a text: no diacritics, lower case, single spaces."""
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFD", value.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.lower().translate(_D_MAP)).strip()


def fold_many(*values: str | None) -> str:
    return " ".join(part for part in (fold(v) for v in values) if part)


def slugify_vi(value: str, max_length: int = 80) -> str:
    """A readable ASCII slug from Vietnamese text: "Dân vận khéo ở Tân Trào" → "dan-van-kheo-o-tan-trao"."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(value)).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug


def lower_first(value: str) -> str:
    """The first letter in lower case, for a title set inside a sentence ("gửi báo cáo sơ kết … huyện
    Sơn Dương"): proper names further on keep their capitals."""
    return value[:1].lower() + value[1:] if value else value
