"""Pieces of a Vietnamese administrative document (NĐ 30/2020, docs/VN_DOCUMENT_FORMAT.md) that
plans, reports and letters share: the header block, numbers, the place-and-date line."""

from dataclasses import dataclass, field

from core import dates

FRONT_PARENT = "ỦY BAN MTTQ VIỆT NAM"


def upper_vi(text: str) -> str:
    return text.upper()


@dataclass
class DocumentHead:
    """The two-column header and the title block of a document."""

    parent_lines: list[str]  # ô 2, not bold: "ỦY BAN MTTQ VIỆT NAM", "TỈNH TUYÊN QUANG"
    issuer: str  # ô 2, bold, rule under it: "BAN THƯỜNG TRỰC"
    number_line: str  # ô 3: "Số: 05/KH-MTTQ-BTT"
    place_date: str  # ô 4: "Tuyên Quang, ngày 12 tháng 02 năm 2020"
    type_name: str  # ô 5a: "KẾ HOẠCH", "BÁO CÁO"
    summary: str = ""  # trích yếu
    subject_line: str = ""  # ô 5b, công văn only: "V/v đôn đốc …"
    addressees: list[str] = field(default_factory=list)  # ô 9a "Kính gửi"


@dataclass
class DocumentFoot:
    authority: str = "TM. BAN THƯỜNG TRỰC"
    title: str = "CHỦ TỊCH"
    name: str = ""
    recipients: list[str] = field(default_factory=list)


def number_line(number_symbol: str) -> str:
    """ "05/KH-MTTQ-BTT" → "Số: 05/KH-MTTQ-BTT"; free text is kept as written."""
    text = (number_symbol or "").strip()
    if not text:
        return "Số:      /"
    if text.lower().startswith("số"):
        return text
    return f"Số: {text}"


def pad_number(number: int) -> str:
    """NĐ 30: numbers below 10 get a leading zero."""
    return f"{number:02d}"


def place_date(place: str, day) -> str:
    return f"{place}, {dates.document_date(day)}"


def unit_parent_lines(unit) -> list[str]:
    """ "ỦY BAN MTTQ VIỆT NAM" then the unit's name in capitals ("TỈNH TUYÊN QUANG")."""
    committee = unit.committee
    return [FRONT_PARENT, upper_vi(committee.name)]


def unit_place(unit) -> str:
    """The place written before the date: the committee's own locality ("Tuyên Quang", "Sơn Dương")."""
    return unit.committee.short_name
