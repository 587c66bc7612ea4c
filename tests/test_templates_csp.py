"""The pages keep to their Content-Security-Policy: no template sends inline script, inline style
attributes, event-handler attributes or javascript: URLs; behaviour lives in static/js/, looks in
static/css/. (PDF and e-mail templates are not pages a browser runs: they are left out.)

The browser journeys check the same thing at run time (csp_violations); this catches a template no
journey opens.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
NOT_PAGES = ("pdf", "emails")
RULES = {
    # Data blocks (type="application/json" or ld+json) are not run, so CSP lets them be.
    "inline <script>": re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")[^>]*>", re.I),
    "style attribute": re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I),
    "on* handler": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.I),
}


def page_templates():
    folders = [ROOT / "templates", *sorted(ROOT.glob("*/templates"))]
    for folder in folders:
        if ".venv" in folder.parts:
            continue
        for path in sorted(folder.rglob("*.html")):
            relative = path.relative_to(folder)
            if relative.parts[0] in NOT_PAGES:
                continue
            yield path


TEMPLATES = list(page_templates())


def test_the_walk_finds_the_page_templates():
    names = {p.name for p in TEMPLATES}
    assert {"base.html", "login.html"} <= names and len(TEMPLATES) > 40


@pytest.mark.parametrize("path", TEMPLATES, ids=[str(p.relative_to(ROOT)) for p in TEMPLATES])
def test_template_keeps_to_the_content_security_policy(path):
    text = path.read_text(encoding="utf-8")
    found = [(name, m.group(0)[:80]) for name, rule in RULES.items() for m in rule.finditer(text)]
    assert not found, f"{path.relative_to(ROOT)}: {found}"


@pytest.mark.parametrize(
    "bad",
    [
        "<script>alert(1)</script>",
        '<div style="color:red">',
        '<button onclick="go()">',
        '<a href="javascript:go()">',
    ],
)
def test_each_rule_catches_what_it_names(bad):
    assert any(rule.search(bad) for rule in RULES.values())


@pytest.mark.parametrize(
    "good", ['<script src="/static/js/portal.js" defer></script>', '<script type="application/ld+json">{}</script>']
)
def test_external_scripts_and_data_blocks_are_allowed(good):
    assert not any(rule.search(good) for rule in RULES.values())
