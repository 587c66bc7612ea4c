"""Finds Vietnamese interface text that English pages would show untranslated.

The portal's message ids are the Vietnamese texts themselves (LANGUAGE_CODE "vi"); English comes
from locale/en. A Vietnamese text in a template outside {% translate %} / {% blocktranslate %},
or a Python string outside gettext(), never reaches the catalogue and stays Vietnamese on an
English page. This module finds such texts by their Vietnamese letters (every Vietnamese label
has at least one: "Lưu", "Đăng ký", "Kế hoạch").

A single text that must stay Vietnamese (data stored in the database, such as a notification's
title written when the event happens) carries `# vi-only` on its line (Python) or `{# vi-only #}`
on its line (templates). What stays Vietnamese on purpose is listed in VIETNAMESE_ONLY with the reason: official
documents (PDF, the document format rules), e-mails and notices sent to Vietnamese officials,
spreadsheet exports exchanged between units, demo and benchmark data, operators' commands.

    python -m core.i18n_audit [PATH ...]   # prints file:line: text for each leftover
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

VIETNAMESE = re.compile(
    "[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ"
    "ÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐ]"
)

# Paths (relative to the project, "/"-separated prefixes) whose Vietnamese is not interface text.
VIETNAMESE_ONLY = {
    "templates/pdf/": "official documents are issued in Vietnamese (Nghị định 30/2020 format)",
    "templates/emails/": "e-mails go to Vietnamese officials, in Vietnamese",
    "core/docformat.py": "the administrative document format rules",
    "core/pdf.py": "PDF rendering (official documents)",
    "plans/pdf.py": "PDF rendering (official documents)",
    "reports/pdf.py": "PDF rendering (official documents)",
    "reminders/links.py": "reminder e-mails and notices sent to Vietnamese officials",
    "reminders/recipients.py": "reminder e-mails and notices sent to Vietnamese officials",
    "reminders/steps.py": "reminder e-mails and notices sent to Vietnamese officials",
    "reminders/subjects.py": "reminder e-mails and notices sent to Vietnamese officials",
    "reminders/sweep.py": "reminder e-mails and notices sent to Vietnamese officials",
    "reminders/texts.py": "reminder e-mails and notices sent to Vietnamese officials",
    "core/outbox.py": "e-mails sent to Vietnamese officials",
    "registrations/exports.py": "spreadsheets exchanged between units keep Vietnamese headings",
    "reports/exports.py": "spreadsheets exchanged between units keep Vietnamese headings",
    "core/tabular.py": "spreadsheet reading and writing (Vietnamese column headings)",
    "bench/": "benchmark data and output",
    "chaos/": "fault-injection runs for operators",
    "danvan/settings/": "language names are written in their own language",
    "core/schedules.py": "names of the periodic tasks stored in the database for the admin",
    "core/text.py": "letters of the diacritics-folding search, not text",
}
SKIP_PARTS = {"migrations", "tests", "locale", "management", "static", ".venv", "var", "node_modules"}
SKIP_NAMES = re.compile(r"^(test_.*|conftest|demo.*|testing.*|.*_demo|i18n_audit)\.py$")

I18N_CALLS = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
    "_lazy",
    "_noop",
}
LOG_CALLS = {"debug", "info", "warning", "error", "exception", "critical"}
TRANSLATE_TAGS = {"translate", "trans", "blocktranslate", "blocktrans", "plural", "endblocktranslate", "endblocktrans"}
TRANSLATED_VAR = re.compile(r"""_\(\s*("[^"]*"|'[^']*')\s*\)""")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)


def relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(BASE_DIR).as_posix()
    except ValueError:
        return path.as_posix()


def vietnamese_only(rel: str) -> bool:
    return any(rel.startswith(prefix) for prefix in VIETNAMESE_ONLY)


def template_leftovers(source: str) -> list[tuple[int, str]]:
    """(line, text) of Vietnamese outside translation tags in one template's source."""
    from django.template.base import Lexer, TokenType

    found = []
    in_block_translate = in_comment = in_verbatim = False
    tokens = Lexer(source).tokenize()
    marked = {t.lineno for t in tokens if t.token_type == TokenType.COMMENT and "vi-only" in t.contents}
    for token in tokens:
        content = token.contents
        if token.token_type == TokenType.BLOCK:
            name = content.split()[0] if content.split() else ""
            if name in {"blocktranslate", "blocktrans"}:
                in_block_translate = True
            elif name in {"endblocktranslate", "endblocktrans"}:
                in_block_translate = False
            elif name == "comment":
                in_comment = True
            elif name == "endcomment":
                in_comment = False
            elif name == "verbatim":
                in_verbatim = True
            elif name == "endverbatim":
                in_verbatim = False
            if in_comment or name in TRANSLATE_TAGS:
                continue
            rest = TRANSLATED_VAR.sub("", content)
        elif token.token_type == TokenType.VAR:
            if in_comment or in_block_translate:
                continue
            rest = TRANSLATED_VAR.sub("", content)
        elif token.token_type == TokenType.TEXT:
            if in_comment or in_block_translate:
                continue
            rest = HTML_COMMENT.sub("", content)
        else:
            continue
        if in_verbatim and token.token_type != TokenType.TEXT:
            continue
        for offset, line in enumerate(rest.splitlines() or [rest]):
            if VIETNAMESE.search(line) and token.lineno + offset not in marked:
                found.append((token.lineno + offset, " ".join(line.split())[:120]))
    return found


def _docstring_nodes(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def python_leftovers(source: str) -> list[tuple[int, str]]:
    """(line, text) of Vietnamese string literals not passed to gettext, in one module."""
    tree = ast.parse(source)
    docstrings = _docstring_nodes(tree)
    covered: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _call_name(node)
            if name in I18N_CALLS or name in LOG_CALLS:
                for child in ast.walk(node):
                    covered.add(id(child))
    lines = source.splitlines()
    # A `# vi-only` mark on any line of a statement covers every string of it: the formatter may
    # spread a statement over several lines and leave the mark on its last one.
    marked: set[int] = set()
    for stmt in ast.walk(tree):
        if isinstance(stmt, ast.stmt) and not hasattr(stmt, "body"):  # simple statements only
            span = range(stmt.lineno, (stmt.end_lineno or stmt.lineno) + 1)
            if any("# vi-only" in lines[n - 1] for n in span):
                marked.update(span)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) in covered or id(node) in docstrings:
                continue
            if any(n in marked for n in range(node.lineno, (node.end_lineno or node.lineno) + 1)):
                continue
            if VIETNAMESE.search(node.value):
                found.append((node.lineno, " ".join(node.value.split())[:120]))
    return sorted(found)


def project_files(roots=None):
    roots = [Path(r) for r in roots] if roots else [BASE_DIR]
    for root in roots:
        paths = [root] if root.is_file() else sorted(root.rglob("*"))
        for path in paths:
            if path.suffix not in {".py", ".html", ".txt"} or not path.is_file():
                continue
            rel = relative(path)
            parts = set(rel.split("/"))
            if parts & SKIP_PARTS or SKIP_NAMES.match(path.name) or vietnamese_only(rel):
                continue
            if path.suffix in {".html", ".txt"} and not rel.startswith("templates/"):
                continue
            yield path, rel


def leftovers(roots=None) -> list[tuple[str, int, str]]:
    found = []
    for path, rel in project_files(roots):
        source = path.read_text(encoding="utf-8")
        finder = python_leftovers if path.suffix == ".py" else template_leftovers
        found.extend((rel, line, text) for line, text in finder(source))
    return found


def main(argv=None):
    import django

    django.setup()
    found = leftovers((argv if argv is not None else sys.argv[1:]) or None)
    for rel, line, text in found:
        print(f"{rel}:{line}: {text}")
    print(f"{len(found)} untranslated Vietnamese texts", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings.dev")
    sys.exit(main())
