"""Base forms: NFC text, Vietnamese messages, crispy-forms helper, optimistic locking."""

import uuid

from crispy_forms.helper import FormHelper
from django import forms

from core.text import nfc


class _PortalFormMixin:
    """Composes every submitted string to NFC and gives crispy a helper without its own <form> tag."""

    submit_label = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        for field in self.fields.values():
            if isinstance(field, forms.DateField) and isinstance(field.widget, forms.DateInput):
                field.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str):
                cleaned[name] = nfc(value)
        return cleaned


class PortalForm(_PortalFormMixin, forms.Form):
    pass


class PortalModelForm(_PortalFormMixin, forms.ModelForm):
    pass


class VersionField(forms.IntegerField):
    """The version of the object the user loaded; the service refuses a save over a newer one."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", True)
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)


class TokenField(forms.CharField):
    """A random value per rendered form: the same form sent twice is recorded once."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)


def new_token() -> str:
    return uuid.uuid4().hex


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []
