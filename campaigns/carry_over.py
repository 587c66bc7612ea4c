"""What a new campaign year takes over from the one it is opened from.

Each room registers, in its AppConfig.ready(), a function `(source, target, by) → str` that copies
what it owns (registrations: the fields of work; reports: the reporting periods, proposed with the
new year's deadlines on the new year's map) and says in a few words what it did. The campaign
service runs them in the transaction that creates the campaign, in registration order.
"""

from collections.abc import Callable

_STEPS: list[tuple[str, Callable]] = []


def register(name: str, step: Callable) -> None:
    if any(n == name for n, _ in _STEPS):
        return
    _STEPS.append((name, step))


def run(*, source, target, by) -> list[str]:
    return [text for _, step in _STEPS if (text := step(source=source, target=target, by=by))]
