"""PDF renderers by kind. Each app registers, for a kind, a function owner → RenderSpec."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class RenderSpec:
    template: str
    context: dict = field(default_factory=dict)
    # Files kept on other records whose images the document shows (its owner's are always allowed):
    # a document may show no other file than these and the portal's static files (core/pdf.py).
    attachments: list = field(default_factory=list)


_RENDERERS: dict[str, Callable] = {}


def register(kind: str, build: Callable) -> None:
    _RENDERERS[kind] = build


def spec_for(kind: str, owner) -> RenderSpec:
    try:
        build = _RENDERERS[kind]
    except KeyError as exc:
        raise LookupError(f"no PDF renderer registered for {kind!r}") from exc
    return build(owner)
