"""The dated tree of units: (central →) province → (district) → commune, plus departments of a committee.

Level is the rank in the tree; kind is the type of unit at that rank. Every commune-level unit
(xã, phường, thị trấn, and since July 2025 đặc khu) has level `commune`; its kind says which it is.
So "the units of the commune level" is one filter whatever the year, and `Level` never grows with
a reform; the import files' levels `ward` and `special_zone` are read as level commune with that kind.

A national deployment puts the provinces under one central committee; a provincial deployment
has the province as its root.

The tree is a materialised path of GSO codes ("/08/076/02545/"), so a subtree is one indexed
`path LIKE '/08/076/%'` query on both databases. Nothing assumes a district level exists: since
1 July 2025 communes hang directly under their province, and "the level above" is always `parent`.

A unit is valid from `valid_from` until `valid_to` (exclusive; open when empty). A code is unique
among open units; an administrative change closes the old row and opens a new one.
"""

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fields import NFCCharField, SearchKeyField

DEFAULT_VALID_FROM = dt.date(2020, 1, 1)


class UnitQuerySet(models.QuerySet):
    def open(self):
        return self.filter(valid_to__isnull=True)

    def valid_on(self, day: dt.date):
        return self.filter(Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gt=day))

    def subtree(self, unit, *, include_self: bool = True):
        qs = self.filter(path__startswith=unit.path)
        return qs if include_self else qs.exclude(pk=unit.pk)

    def committees(self):
        """Units that are Front committees (not departments inside one)."""
        return self.exclude(level=Unit.Level.DEPARTMENT)


class Unit(models.Model):
    class Level(models.TextChoices):
        CENTRAL = "central", _("Trung ương")
        PROVINCE = "province", _("Cấp tỉnh")
        DISTRICT = "district", _("Cấp huyện")
        COMMUNE = "commune", _("Cấp xã")
        DEPARTMENT = "department", _("Ban chuyên môn")

    class Kind(models.TextChoices):
        CENTRAL = "central", _("Trung ương")
        PROVINCE = "province", _("Tỉnh")
        MUNICIPALITY = "municipality", _("Thành phố trực thuộc Trung ương")
        DISTRICT = "district", _("Huyện")
        URBAN_DISTRICT = "urban_district", _("Quận")
        TOWN = "town", _("Thị xã")
        CITY = "city", _("Thành phố")
        COMMUNE = "commune", _("Xã")
        WARD = "ward", _("Phường")
        TOWNSHIP = "township", _("Thị trấn")
        SPECIAL_ZONE = "special_zone", _("Đặc khu")
        DEPARTMENT = "department", _("Ban")

    code = models.CharField(_("mã đơn vị"), max_length=20)
    name = NFCCharField(_("tên đơn vị"), max_length=200)
    level = models.CharField(_("cấp"), max_length=12, choices=Level.choices)
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("đơn vị cấp trên"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(editable=False)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    valid_from = models.DateField(_("hiệu lực từ"), default=DEFAULT_VALID_FROM)
    valid_to = models.DateField(_("hết hiệu lực từ"), null=True, blank=True)
    search_key = SearchKeyField(sources=("name", "code"))

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=Q(valid_to__isnull=True), name="unit_code_unique_open"),
            models.UniqueConstraint(fields=["code", "valid_from"], name="unit_code_valid_from_unique"),
        ]
        indexes = [models.Index(fields=["parent", "position"], name="unit_parent_position")]

    def __str__(self):
        return self.name

    # --- names -----------------------------------------------------------------------------
    @property
    def short_name(self) -> str:
        """The name without its type word: "Huyện Sơn Dương" → "Sơn Dương"."""
        for prefix in KIND_PREFIXES:
            if self.name.startswith(prefix + " "):
                return self.name[len(prefix) + 1 :]
        return self.name

    @property
    def name_in_sentence(self) -> str:
        """NĐ 30/2020 Phụ lục II: the type word is lower case in running text ("huyện Sơn Dương"),
        except before a number ("Quận 1")."""
        short = self.short_name
        if short == self.name or short[:1].isdigit():
            return self.name
        return self.name[: len(self.name) - len(short)].lower() + short

    @property
    def committee_name(self) -> str:
        """ "Ủy ban MTTQ huyện Sơn Dương"; a department or the central committee is named as it is."""
        if self.level in (self.Level.DEPARTMENT, self.Level.CENTRAL):
            return self.name
        return f"Ủy ban MTTQ {self.name_in_sentence}"  # vi-only: the committee's proper name (also in documents)

    # --- tree ------------------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self.valid_to is None

    @property
    def committee(self) -> "Unit":
        """The committee a department belongs to (a committee is its own)."""
        if self.level == self.Level.DEPARTMENT and self.parent_id:
            return self.parent
        return self

    def ancestors(self):
        """Ancestors from the root down, in one query.

        A path is shared by the versions of a unit (a renamed province keeps "/46/"), so only the
        versions valid while this row is are taken: a row lies within its parent's validity (the
        import versions or closes the units under a unit it closes)."""
        paths = []
        parts = self.path.strip("/").split("/")
        for i in range(1, len(parts)):
            paths.append("/" + "/".join(parts[:i]) + "/")
        overlapping = Q(valid_to__isnull=True) | Q(valid_to__gt=self.valid_from)
        if self.valid_to is not None:
            overlapping &= Q(valid_from__lt=self.valid_to)
        return Unit.objects.filter(overlapping, path__in=paths).order_by("depth")

    def is_within(self, other: "Unit") -> bool:
        """True when self is other or lies in other's subtree."""
        return self.path.startswith(other.path)


# Longest first, so "Thành phố" wins over a shorter accidental match.
KIND_PREFIXES = ["Thành phố", "Thị trấn", "Đặc khu", "Thị xã", "Huyện", "Quận", "Phường", "Tỉnh", "Xã", "Ban"]  # vi-only

_KIND_BY_LEVEL_AND_PREFIX = {
    ("province", "Tỉnh"): Unit.Kind.PROVINCE,  # vi-only
    ("province", "Thành phố"): Unit.Kind.MUNICIPALITY,  # vi-only
    ("district", "Huyện"): Unit.Kind.DISTRICT,  # vi-only
    ("district", "Quận"): Unit.Kind.URBAN_DISTRICT,  # vi-only
    ("district", "Thị xã"): Unit.Kind.TOWN,  # vi-only
    ("district", "Thành phố"): Unit.Kind.CITY,  # vi-only
    ("commune", "Xã"): Unit.Kind.COMMUNE,  # vi-only
    ("commune", "Phường"): Unit.Kind.WARD,  # vi-only
    ("commune", "Thị trấn"): Unit.Kind.TOWNSHIP,  # vi-only
    ("commune", "Đặc khu"): Unit.Kind.SPECIAL_ZONE,  # vi-only
}

_DEFAULT_KIND = {
    "central": Unit.Kind.CENTRAL,
    "province": Unit.Kind.PROVINCE,
    "district": Unit.Kind.DISTRICT,
    "commune": Unit.Kind.COMMUNE,
    "department": Unit.Kind.DEPARTMENT,
}

# The levels of the 2025 lists that name the kind of a commune-level unit (see the module docstring).
LEVEL_OF_SOURCE_LEVEL = {"ward": Unit.Level.COMMUNE, "special_zone": Unit.Level.COMMUNE}
_KIND_OF_SOURCE_LEVEL = {"ward": Unit.Kind.WARD, "special_zone": Unit.Kind.SPECIAL_ZONE}


def level_for(source_level: str) -> str:
    """The stored level of a level written in an import file ("ward" → "commune")."""
    return LEVEL_OF_SOURCE_LEVEL.get(source_level, source_level)


def kind_for(level: str, name: str) -> str:
    """The kind of a unit from its level (stored or as in an import file) and its name's type word."""
    if level in _KIND_OF_SOURCE_LEVEL:
        return _KIND_OF_SOURCE_LEVEL[level]
    for prefix in KIND_PREFIXES:
        if name.startswith(prefix + " "):
            kind = _KIND_BY_LEVEL_AND_PREFIX.get((level, prefix))
            if kind:
                return kind
    return _DEFAULT_KIND[level]
