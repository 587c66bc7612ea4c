"""The rooms import one way (DESIGN.md §1): an app imports only from its own layer or below, and no
two apps import each other. Parsed from the source, so a new import that breaks it fails here."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)

# Lowest first. Infrastructure (documents, notifications, audit) sits below the domain rooms that use it.
LAYERS = [
    "core",
    "documents",
    "units",
    "accounts",
    "notifications",
    "audit",
    "campaigns",
    "plans",
    "registrations",
    "publishing",
    "reports",
    "reminders",
    "dashboards",
]


def imports_of(app: str):
    """(file, imported app) for every import of another room in the app's code (tests and migrations aside)."""
    for path in sorted((ROOT / app).rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top in LAYERS and top != app:
                    yield str(path.relative_to(ROOT)), top


def test_every_project_app_has_a_layer():
    project_apps = {c.name for c in __import__("django.apps").apps.apps.get_app_configs() if (ROOT / c.name).is_dir()}
    assert project_apps == set(LAYERS)


def test_no_app_imports_a_higher_layer():
    upward = [
        f"{path} imports {target}"
        for app in LAYERS
        for path, target in imports_of(app)
        if LAYERS.index(target) > LAYERS.index(app)
    ]
    assert not upward, upward


def test_the_check_sees_an_upward_import(tmp_path, monkeypatch):
    """The test above can fail: a planted import of a higher room is found."""
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "bad.py").write_text("from dashboards.views import dashboard\n", encoding="utf-8")
    monkeypatch.setattr(__name__ + ".ROOT", tmp_path)
    assert list(imports_of("core")) == [("core/bad.py", "dashboards")]


def imports_of_test_code(app: str):
    """(file, module) for every import of a tests package (any app's, or the project's tests/) in the app's own code."""
    for path in sorted((ROOT / app).rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                modules = [node.module]
            else:
                continue
            yield from ((str(path.relative_to(ROOT)), m) for m in modules if "tests" in m.split("."))


def test_the_portal_does_not_import_test_data_builders():
    """Factories live in <app>/tests/ (DESIGN.md §1); demo data and services never reach into them."""
    found = [f"{path} imports {module}" for app in [*LAYERS, "danvan"] for path, module in imports_of_test_code(app)]
    assert not found, found


def test_the_check_sees_an_import_of_test_code(tmp_path, monkeypatch):
    (tmp_path / "registrations").mkdir()
    planted = "from registrations.tests.factories import approver_of\n"
    (tmp_path / "registrations" / "demo.py").write_text(planted, encoding="utf-8")
    monkeypatch.setattr(__name__ + ".ROOT", tmp_path)
    assert list(imports_of_test_code("registrations")) == [("registrations/demo.py", "registrations.tests.factories")]
