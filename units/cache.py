"""A version of the unit tree for caches of unit lists (the registration list's unit filter).

Every change to units bumps the version: saving or deleting a Unit (signals), and the bulk writes
of `units_import` (which call `bump_units_version` after their transaction commits). A cache key
that contains the version is therefore not read after a change is committed; old entries expire.

The version lives in the Django cache: shared between processes in production (Redis); the
local-memory cache of development, tests and the benchmark is one per process."""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

VERSION_KEY = "units:units-version"


def units_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def _new_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def bump_units_version() -> None:
    """Call after units changed: a new version now (this transaction sees its own changes) and
    again when the transaction commits (another process may have cached the old tree meanwhile)."""
    _new_version()
    transaction.on_commit(_new_version)


def _changed(sender, **kwargs):
    bump_units_version()


def connect() -> None:
    from units.models import Unit

    post_save.connect(_changed, sender=Unit, dispatch_uid="units.cache.save")
    post_delete.connect(_changed, sender=Unit, dispatch_uid="units.cache.delete")


def root_paths() -> list[str]:
    """Paths of the units without a parent (open or closed): every unit lies under one of them."""
    from units.models import Unit

    key = f"campaigns:root-paths:{units_version()}"
    paths = cache.get(key)
    if paths is None:
        paths = sorted(Unit.objects.filter(parent__isnull=True).values_list("path", flat=True))
        cache.set(key, paths, 24 * 3600)
    return paths


def covers_whole_tree(paths) -> bool:
    """True when these subtree roots include every root: they see every unit there is."""
    roots = root_paths()
    return bool(roots) and all(any(root.startswith(p) for p in paths) for root in roots)
