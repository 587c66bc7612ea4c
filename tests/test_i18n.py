"""English, selectable from every page's footer: every interface text is marked for translation,
the English catalogue translates all of it (and the compiled .mo matches the .po), and every page
a role can open shows no untranslated Vietnamese word when read in English.

Data stays as it was written (unit names, plan contents, registrations): the page check takes the
words of everything stored in the database as data. Official documents (PDF) and e-mails are
Vietnamese by design (core/i18n_audit.py VIETNAMESE_ONLY).
"""

import ast
import functools
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation

from core import i18n_audit
from core.matrix import PERSONAS, load_all_rules

PO_FILE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def parse_po(text: str) -> list[dict]:
    """The catalogue's entries: msgctxt, msgid, msgid_plural, msgstr (list), fuzzy, line."""
    entries, entry, field = [], None, None

    def finish():
        if entry is not None and entry.get("msgid") is not None:
            entries.append(entry)

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if entry is not None and entry.get("msgid") is not None and "msgstr" in entry:
                finish()
                entry = None
            if entry is None:
                entry = {"fuzzy": False, "msgstr": [], "line": number}
            if line.startswith("#,") and "fuzzy" in line:
                entry["fuzzy"] = True
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            value = ast.literal_eval(line)
            if field == "msgstr":
                entry["msgstr"][-1] += value
            else:
                entry[field] += value
            continue
        value = ast.literal_eval(rest)
        if keyword in ("msgctxt", "msgid") and entry is not None and "msgstr" in entry and entry["msgstr"]:
            finish()
            entry = None
        if entry is None:
            entry = {"fuzzy": False, "msgstr": [], "line": number}
        if keyword.startswith("msgstr"):
            entry["msgstr"].append(value)
            field = "msgstr"
        else:
            entry[keyword] = value
            field = keyword
    finish()
    return [e for e in entries if e["msgid"] != ""]  # the header


@pytest.fixture(scope="module")
def catalogue():
    return parse_po(PO_FILE.read_text(encoding="utf-8"))


def test_every_interface_text_is_marked_for_translation():
    found = i18n_audit.leftovers()
    listing = "\n".join(f"{rel}:{line}: {text}" for rel, line, text in found[:60])
    assert not found, f"{len(found)} Vietnamese texts outside translate tags / gettext:\n{listing}"


def test_the_audit_sees_an_unmarked_text():
    """The audit is what the test above relies on: it must see a bare label and a bare string,
    and accept the same texts once marked."""
    bare = '{% load i18n %}<h1>Báo cáo</h1><p title="Đóng">{% translate "Lưu" %}</p>'
    assert [text for _, text in i18n_audit.template_leftovers(bare)] == ['<h1>Báo cáo</h1><p title="Đóng">']
    assert i18n_audit.template_leftovers("{% load i18n %}{% blocktranslate %}Gửi {{ x }}{% endblocktranslate %}") == []
    assert i18n_audit.python_leftovers('x = "Lưu"\ny = _("Lưu")\nz = "Lưu"  # vi-only\n') == [(1, "Lưu")]


def test_english_catalogue_translates_every_message(catalogue):
    assert len(catalogue) > 1000
    untranslated = [e["msgid"] for e in catalogue if not all(e["msgstr"])]
    fuzzy = [e["msgid"] for e in catalogue if e["fuzzy"]]
    assert not untranslated, f"{len(untranslated)} untranslated, e.g. {untranslated[:10]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy (guessed) translations, e.g. {fuzzy[:10]}"
    still_vietnamese = [e["msgid"] for e in catalogue if any(i18n_audit.VIETNAMESE.search(s) for s in e["msgstr"])]
    # Unit names and the language's own name are the only Vietnamese an English text may carry.
    allowed = {"Tiếng Việt"}
    odd = [m for m in still_vietnamese if m not in allowed]
    assert len(odd) <= len(catalogue) // 50, f"English translations that are still Vietnamese: {odd[:20]}"


def test_compiled_catalogue_matches_the_source(catalogue):
    """locale/en/…/django.mo is compiled from the .po (`make messages`): a stale .mo shows
    Vietnamese for a text the .po translates."""
    stale = []
    with translation.override("en"):
        for e in catalogue:
            if e.get("msgid_plural"):
                got = [
                    translation.npgettext(e["msgctxt"], e["msgid"], e["msgid_plural"], n)
                    if e.get("msgctxt")
                    else translation.ngettext(e["msgid"], e["msgid_plural"], n)
                    for n in (1, 2)
                ]
                want = e["msgstr"][:2]
            else:
                got = [translation.pgettext(e["msgctxt"], e["msgid"]) if e.get("msgctxt") else translation.gettext(e["msgid"])]
                want = e["msgstr"][:1]
            if got != want:
                stale.append((e["msgid"], want, got))
    assert not stale, f"{len(stale)} messages differ from the .po (run `make messages`): {stale[:5]}"


@pytest.mark.skipif(not shutil.which("xgettext"), reason="GNU gettext (xgettext) is not installed")
def test_catalogue_holds_every_message_of_the_source(tmp_path, catalogue):
    """Extracting the messages again (as `make messages` does, in a copy of the project) finds
    nothing the committed catalogue lacks."""
    base = Path(settings.BASE_DIR)
    copy = tmp_path / "project"
    ignore = shutil.ignore_patterns(".venv", "var", ".git", "__pycache__", "node_modules", "*.mo", "media", "static")
    shutil.copytree(base, copy, ignore=ignore)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete", "--ignore=tests/*"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    extracted = parse_po((copy / "locale/en/LC_MESSAGES/django.po").read_text(encoding="utf-8"))
    known = {(e.get("msgctxt"), e["msgid"]) for e in catalogue}
    missing = [e["msgid"] for e in extracted if (e.get("msgctxt"), e["msgid"]) not in known]
    assert not missing, f"{len(missing)} messages not in the catalogue (run `make messages`): {missing[:10]}"


class _VisibleText(HTMLParser):
    """Text a reader sees or hears: text nodes and the labelling attributes; not scripts,
    styles, textarea contents (the user's own text) or anything marked lang="vi"."""

    SKIP = {"script", "style", "textarea"}
    ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.stack = [], []

    def _skipping(self):
        return any(self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        skip = tag in self.SKIP or (attrs.get("lang") or "").startswith("vi")
        if not self._skipping() and not skip:
            self.parts.extend(attrs[a] for a in self.ATTRIBUTES if attrs.get(a))
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.parts.append(attrs["value"])
        if tag not in self.VOID:
            self.stack.append(skip)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not self._skipping():
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


def data_words() -> set[str]:
    """Every word stored in the database (lower case): unit names, plan texts, titles, …"""
    words = set()
    for model in apps.get_models():
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField))
        ]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields):
            for value in row:
                if value:
                    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                    words.update(w.lower() for w in WORD.findall(text))
    return words


@functools.cache
def translator_words() -> frozenset[str]:
    """Vietnamese words the English catalogue keeps on purpose: column headings a file must carry,
    examples of Vietnamese data in help texts ("e.g. thôn Tân Lập")."""
    catalogue = parse_po(PO_FILE.read_text(encoding="utf-8"))
    return frozenset(w.lower() for e in catalogue for text in e["msgstr"] for w in WORD.findall(text))


def untranslated_words(html: str) -> list[str]:
    known = data_words() | translator_words()
    found = []
    for word in WORD.findall(visible_text(html)):
        if i18n_audit.VIETNAMESE.search(word) and word.lower() not in known:
            found.append(word)
    return found


RULES = load_all_rules()
VIETNAMESE_SITE = ("public:",)
PAGES = sorted(
    name
    for name, rule in RULES.items()
    if rule.method == "GET" and any(rule.expect.get(p) == 200 for p in ("anonymous", *PERSONAS))
)


@pytest.mark.parametrize("url_name", PAGES)
def test_page_in_english_has_no_untranslated_word(url_name, world, client_for):
    rule = RULES[url_name]
    persona = next(p for p in ("anonymous", *PERSONAS) if rule.expect.get(p) == 200)
    url = reverse(url_name, kwargs=rule.kwargs(world) if rule.kwargs else {})
    if rule.query:
        url += "?" + rule.query
    client = client_for(None if persona == "anonymous" else persona)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(url)
    assert response.status_code == 200
    if not response.get("Content-Type", "").startswith("text/html"):
        pytest.skip("not a page (a file download)")
    if url_name.startswith(VIETNAMESE_SITE):
        # The committee's public website publishes Vietnamese articles and stays Vietnamese.
        assert response["Content-Language"] == "vi"
        return
    assert response["Content-Language"] == "en"
    html = response.content.decode()
    assert '<html lang="en"' in html
    words = untranslated_words(html)
    assert not words, f"{url_name} ({url}) as {persona}, in English, still shows: {sorted(set(words))[:40]}"


def test_the_page_check_sees_an_untranslated_label(world):
    html = (
        '<html lang="en"><h1 title="Ngượng">Reports</h1><p>Nghịu xyzzy</p><script>"Lưu"</script>'
        '<span lang="vi">Tiếng Việt</span><p>Huyện Sơn Dương</p></html>'
    )
    assert untranslated_words(html) == ["Ngượng", "Nghịu"]
