"""Every form of the portal, found by walking the project's modules: the rules for hostile and broken
input hold field by field, so a new form cannot ship without them.

- a text field has a length limit (overlong text gets a Vietnamese error, not a database error);
- a number field refuses negative values unless it is listed here as signed;
- an impossible date ("30/02/2020") gets a Vietnamese error;
- text typed in decomposed Unicode (NFD) comes out of the form composed (NFC);
- every error message a user can see is in Vietnamese.

What a view then does with the value (stores it, renders it inert) is checked in
tests/test_hostile_input.py.
"""

import importlib
import pkgutil
import re
import unicodedata

import pytest
from django import forms
from django.conf import settings

from core.forms import PortalForm, PortalModelForm

# Forms that take keyword arguments without a default: what to give them.
FORM_KWARGS = {
    "RegistrationForm": lambda: {"kind": "content", "units": _units()},
}
# Number fields that may be negative (none today).
SIGNED_NUMBERS: set[str] = set()
# Forms that are not for data entry by people (filters read from the query string are checked too).
PROJECT_APPS = (
    "core",
    "units",
    "accounts",
    "documents",
    "notifications",
    "audit",
    "campaigns",
    "plans",
    "registrations",
    "publishing",
    "reports",
    "reminders",
    "dashboards",
)
ENGLISH = re.compile(r"\b(Ensure|Enter a|This field|is required|Select a valid|valid date|must be)\b")


def _units():
    from units.models import Unit

    return Unit.objects.all()


def _portal_forms():
    for app in PROJECT_APPS:
        package = importlib.import_module(app)
        for info in pkgutil.walk_packages(package.__path__, f"{app}."):
            skipped = (".tests", ".migrations", ".settings", ".wsgi", ".asgi")
            if any(part in info.name for part in skipped):
                continue
            importlib.import_module(info.name)
    found = {}

    def walk(cls):
        for sub in cls.__subclasses__():
            if sub.__module__.split(".")[0] in PROJECT_APPS:
                found[f"{sub.__module__}.{sub.__qualname__}"] = sub
            walk(sub)

    walk(PortalForm)
    walk(PortalModelForm)
    return sorted(found.items())


FORMS = _portal_forms()


def _make(cls, data=None, files=None):
    kwargs = FORM_KWARGS.get(cls.__name__, dict)()
    return cls(data=data, files=files, **kwargs)


def _text_fields(form):
    """Fields where a person types free text (not e-mail, URL or pattern fields, not hidden ones)."""
    for name, field in form.fields.items():
        if (
            isinstance(field, forms.CharField)
            and not isinstance(field, forms.EmailField | forms.URLField | forms.SlugField | forms.RegexField)
            and not isinstance(field.widget, forms.HiddenInput | forms.PasswordInput)
        ):
            yield name, field


def test_the_walk_finds_the_portal_forms():
    names = {name.rsplit(".", 1)[1] for name, _ in FORMS}
    assert {"RegistrationForm", "PlanForm", "ReportForm", "AccountCreateForm", "ProgressForm", "InspectionForm"} <= names
    assert len(FORMS) >= 30


@pytest.mark.parametrize(("name", "cls"), FORMS, ids=[n for n, _ in FORMS])
def test_every_text_field_has_a_length_limit(db, name, cls):
    form = _make(cls)
    unlimited = [field_name for field_name, field in _text_fields(form) if field.max_length is None]
    assert not unlimited, f"{name}: text fields without max_length: {unlimited}"


@pytest.mark.parametrize(("name", "cls"), FORMS, ids=[n for n, _ in FORMS])
def test_overlong_text_is_refused_in_vietnamese(db, name, cls):
    form = _make(cls)
    fields = list(_text_fields(form))
    if not fields:
        pytest.skip("no text field")
    data = {field_name: "a" * (field.max_length + 1) for field_name, field in fields}
    bound = _make(cls, data=data)
    bound.is_valid()
    for field_name, _ in fields:
        errors = bound.errors.get(field_name, [])
        assert errors, f"{name}.{field_name} accepted overlong text"
        for message in errors:
            assert not ENGLISH.search(message), f"{name}.{field_name}: {message}"


@pytest.mark.parametrize(("name", "cls"), FORMS, ids=[n for n, _ in FORMS])
def test_numbers_refuse_negative_values_in_vietnamese(db, name, cls):
    form = _make(cls)
    numbers = [
        (n, f)
        for n, f in form.fields.items()
        if isinstance(f, forms.IntegerField | forms.DecimalField | forms.FloatField)
        and not isinstance(f.widget, forms.HiddenInput)
        and f"{cls.__name__}.{n}" not in SIGNED_NUMBERS
    ]
    if not numbers:
        pytest.skip("no number field")
    for field_name, field in numbers:
        assert field.min_value is not None and field.min_value >= 0, f"{name}.{field_name} accepts negative numbers"
        bound = _make(cls, data={field_name: "-1"})
        bound.is_valid()
        errors = bound.errors.get(field_name, [])
        assert errors and not any(ENGLISH.search(m) for m in errors), f"{name}.{field_name}: {errors}"


@pytest.mark.parametrize(("name", "cls"), FORMS, ids=[n for n, _ in FORMS])
def test_impossible_dates_are_refused_in_vietnamese(db, name, cls):
    form = _make(cls)
    dates = [n for n, f in form.fields.items() if isinstance(f, forms.DateField)]
    if not dates:
        pytest.skip("no date field")
    for impossible in ("2020-02-30", "30/02/2020", "2020-13-01", "hôm qua"):
        bound = _make(cls, data=dict.fromkeys(dates, impossible))
        bound.is_valid()
        for field_name in dates:
            errors = bound.errors.get(field_name, [])
            assert errors, f"{name}.{field_name} accepted {impossible!r}"
            assert not any(ENGLISH.search(m) for m in errors), f"{name}.{field_name}: {errors}"


@pytest.mark.parametrize(("name", "cls"), FORMS, ids=[n for n, _ in FORMS])
def test_decomposed_text_comes_out_composed(db, name, cls):
    form = _make(cls)
    fields = [n for n, _ in _text_fields(form)]
    if not fields:
        pytest.skip("no text field")
    typed = unicodedata.normalize("NFD", "Dân vận khéo ở Tân Trào")
    assert typed != unicodedata.normalize("NFC", typed)
    bound = _make(cls, data=dict.fromkeys(fields, typed))
    bound.is_valid()
    cleaned = getattr(bound, "cleaned_data", {})
    for field_name in fields:
        if field_name in cleaned and isinstance(cleaned[field_name], str):
            assert unicodedata.is_normalized("NFC", cleaned[field_name]), f"{name}.{field_name} kept NFD"


def test_the_portal_speaks_vietnamese_in_form_errors():
    assert settings.LANGUAGE_CODE == "vi"
    field = forms.CharField(max_length=3)
    with pytest.raises(forms.ValidationError) as refused:
        field.clean("abcd")
    assert not ENGLISH.search(refused.value.messages[0]), refused.value.messages
