"""Model fields that keep Vietnamese text composed (NFC) and maintain diacritic-free search keys.

Normalising at the field means every path that saves (forms, services, imports, admin, bulk_create)
stores NFC; no caller has to remember it.
"""

from django.db import models

from core.text import fold_many, nfc


class _NFCMixin:
    def to_python(self, value):
        value = super().to_python(value)
        return nfc(value) if isinstance(value, str) else value

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = nfc(value)
            setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return nfc(value) if isinstance(value, str) else value


class NFCCharField(_NFCMixin, models.CharField):
    pass


# What a form lets anyone type into one long-text box (the longest section of the seed plan has
# about 3,000 characters); the database column stays unbounded.
TEXT_FORM_MAX_LENGTH = 20_000


class NFCTextField(_NFCMixin, models.TextField):
    def formfield(self, **kwargs):
        kwargs.setdefault("max_length", self.max_length or TEXT_FORM_MAX_LENGTH)
        return super().formfield(**kwargs)


class SearchKeyField(models.TextField):
    """Folded text of `sources` (attribute paths on the instance), refreshed on every save.

    Filter with `search_key__contains=fold(query)`. On PostgreSQL a trigram index makes that fast.
    """

    def __init__(self, *args, sources=(), **kwargs):
        self.sources = tuple(sources)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["sources"] = self.sources
        for key, value in (("editable", False), ("blank", True), ("default", "")):
            if kwargs.get(key) == value:
                kwargs.pop(key)
        return name, path, args, kwargs

    def compute(self, instance) -> str:
        values = []
        for source in self.sources:
            value = instance
            for part in source.split("."):
                value = getattr(value, part, None) if value is not None else None
            values.append(str(value) if value is not None else "")
        return fold_many(*values)

    def pre_save(self, model_instance, add):
        value = self.compute(model_instance)
        setattr(model_instance, self.attname, value)
        return value
