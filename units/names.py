"""Comparing unit names as the official lists write them.

Two spellings of one name are in use for the tone mark on "oa", "oe" and "uy": on the first vowel
("Hòa", "Thủy", the resolutions' spelling) or on the second ("Hoà", "Thuỷ", as many GSO rows and
the 2026 list write them). NFC keeps them apart, so `same_name` compares a key in which the mark
sits on the second vowel. It does not fold other diacritics: "Hòa" and "Hóa" stay different names
(the search key of core.text.fold would equate them).
"""

import re
import unicodedata

from units.models import KIND_PREFIXES

# The five tone marks as combining characters (NFD): grave, acute, hook above, tilde, dot below.
_TONE = "[\u0300\u0301\u0309\u0303\u0323]"
# A tone mark right after the "o" of "oa"/"oe" or the "u" of "uy", when the second vowel has no
# mark of its own (not "oă", "uyê"): moved after the second vowel.
_FIRST_VOWEL_TONE = re.compile(f"([oO])({_TONE})([aAeE])(?![\u0300-\u036f])|([uU])({_TONE})([yY])(?![\u0300-\u036f])")


def _move_tone(match: re.Match) -> str:
    if match.group(1):
        return match.group(1) + match.group(3) + match.group(2)
    return match.group(4) + match.group(6) + match.group(5)


def tone_placement_key(name: str) -> str:
    """The name with the tone of oa/oe/uy on the second vowel: "Xã Chiêm Hóa" → "Xã Chiêm Hoá"."""
    decomposed = unicodedata.normalize("NFD", name)
    return unicodedata.normalize("NFC", _FIRST_VOWEL_TONE.sub(_move_tone, decomposed))


def same_name(a: str, b: str) -> bool:
    """True when two names differ at most in where a tone mark of oa/oe/uy sits."""
    return a == b or tone_placement_key(a) == tone_placement_key(b)


def with_kind_prefix_capitalised(name: str) -> str:
    """The type word at the start written as the official names write it: "xã Bắc Sơn" → "Xã Bắc Sơn",
    "Thành Phố Bắc Kạn" → "Thành phố Bắc Kạn" (a source's typo; the kind is read from that word)."""
    for prefix in KIND_PREFIXES:
        head = name[: len(prefix)]
        if name[len(prefix) : len(prefix) + 1] == " " and head != prefix and head.lower() == prefix.lower():
            return prefix + name[len(prefix) :]
    return name
