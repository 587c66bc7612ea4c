"""The daily deadline sweep (Celery beat at 07:00 Asia/Ho_Chi_Minh, or `manage.py send_reminders`).

For every subject with a deadline (subjects.py) the step due today is computed (steps.py); a
`Reminder` row keyed (subject, unit, due date, step) is claimed by inserting it in its own
transaction before anyone is notified; the notifications are created and the row marked sent in
one transaction; e-mails are queued after that commits. So:

- run twice, the second run finds the rows and sends nothing;
- run in two workers at once, the unique key lets one insert win; the other skips that row;
- a worker that dies after claiming leaves a row "claimed" without "sent": once the claim is
  older than CLAIM_STALE_AFTER a later sweep takes it over (a conditional UPDATE, so only one
  sweep can) and sends it; the send transaction locks the rows and checks the claim is still its
  own, so even a slow worker and its successor cannot both send.

Reads and writes are in bulk: a handful of queries whatever the number of units."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core.dates import end_of_day
from notifications.services import Message, notify_many
from reminders import texts
from reminders.models import Reminder, ReminderPolicy
from reminders.recipients import officers_by_unit
from reminders.steps import DEFAULT_OFFSETS, due_step, short_step_label
from reminders.subjects import REPORT, TASK, Candidate, report_candidates, task_candidates

CLAIM_STALE_AFTER = dt.timedelta(minutes=5)
# A step whose date is further back than this is not sent late (a period left open for months, a
# portal installed mid-year): the completeness and follow-up pages show those units.
CATCH_UP_DAYS = 30
# Reminders notified per transaction.
CHUNK = 500
SUBJECT_LABELS = {REPORT: "Báo cáo", TASK: "Nhiệm vụ"}


@dataclass
class SweepLine:
    unit: str
    subject_kind: str
    subject: str
    step: int
    recipients: list[str]

    def __str__(self):
        people = ", ".join(self.recipients) if self.recipients else "(không có người nhận)"
        return f"{self.unit} | {SUBJECT_LABELS[self.subject_kind]}: {self.subject} | {short_step_label(self.step)} | {people}"


@dataclass
class SweepResult:
    day: dt.date
    dry_run: bool = False
    lines: list[SweepLine] = field(default_factory=list)
    # Steps claimed by another sweep that has not finished yet (fresh claims).
    busy: int = 0
    superseded: int = 0

    @property
    def total(self) -> int:
        return len(self.lines)

    def summary(self) -> dict:
        return {"day": self.day.isoformat(), "sent": self.total, "busy": self.busy, "superseded": self.superseded}


def offsets_by_kind() -> dict[str, list[int]]:
    """The steps of each kind of subject; a kind whose policy is switched off is left out."""
    rows = {p.subject_kind: p for p in ReminderPolicy.objects.all()}
    result = {}
    for kind in (REPORT, TASK):
        policy = rows.get(kind)
        if policy is None:
            result[kind] = list(DEFAULT_OFFSETS)
        elif policy.is_active and policy.offsets():
            result[kind] = policy.offsets()
    return result


def _name(person) -> str:
    return f"{person.full_name or person.username} <{person.email}>" if person.email else (person.full_name or person.username)


class Sweep:
    """One run. `run()` does everything; the phases (`due()`, `claim()`, `send()`) are separate so
    tests can interleave two sweeps."""

    def __init__(self, *, day: dt.date | None = None, now: dt.datetime | None = None, dry_run: bool = False):
        self.now = now or timezone.now()
        self.day = day or timezone.localdate(self.now)
        self.dry_run = dry_run
        self.token = uuid.uuid4().hex
        self.result = SweepResult(day=self.day, dry_run=dry_run)
        self._officers: dict[int, list] = {}
        self._reclaim: list[int] = []
        self._supersede: list[int] = []

    # --- what is due ---------------------------------------------------------------------------
    def candidates(self) -> list[Candidate]:
        found = []
        for kind, steps in offsets_by_kind().items():
            due_from = self.day - dt.timedelta(days=max(steps) + CATCH_UP_DAYS)
            due_to = self.day - dt.timedelta(days=min(steps))
            if kind == REPORT:
                # Run for a past day, a report counts as sent only if it was sent by the end of that day.
                as_of = min(self.now, end_of_day(self.day))
                collected = report_candidates(due_from=due_from, due_to=due_to, now=as_of)
            else:
                collected = task_candidates(due_from=due_from, due_to=due_to, day=self.day)
            oldest = self.day - dt.timedelta(days=CATCH_UP_DAYS)
            for c in collected:
                c.step = due_step(c.due_on, self.day, steps)
                if c.step is None or c.due_on + dt.timedelta(days=c.step) < oldest:
                    continue
                found.append(c)
        return found

    def _existing(self, candidates: list[Candidate]) -> dict[tuple, list[dict]]:
        rows: dict[tuple, list[dict]] = defaultdict(list)
        by_kind: dict[str, set[int]] = defaultdict(set)
        for c in candidates:
            by_kind[c.kind].add(c.subject_id)
        for kind, ids in by_kind.items():
            ids = sorted(ids)
            for start in range(0, len(ids), 2000):
                for r in Reminder.objects.filter(subject_kind=kind, subject_id__in=ids[start : start + 2000]).values(
                    "pk", "subject_kind", "subject_id", "unit_id", "due_on", "step", "status", "claimed_at"
                ):
                    rows[(r["subject_kind"], r["subject_id"], r["unit_id"], r["due_on"])].append(r)
        return rows

    def due(self) -> list[Candidate]:
        """The candidates whose step is due and not yet sent (nor being sent by another sweep)."""
        candidates = self.candidates()
        existing = self._existing(candidates)
        fresh_after = self.now - CLAIM_STALE_AFTER
        due = []
        for c in candidates:
            rows = existing.get(c.key, [])
            later = [r for r in rows if r["step"] >= c.step]
            live = [r for r in later if r["status"] != Reminder.Status.CLAIMED or r["claimed_at"] > fresh_after]
            if live:
                if any(r["status"] == Reminder.Status.CLAIMED for r in live):
                    self.result.busy += 1
                continue
            self._reclaim += [r["pk"] for r in later if r["step"] == c.step]
            self._supersede += [
                r["pk"]
                for r in rows
                if r["step"] < c.step and r["status"] == Reminder.Status.CLAIMED and r["claimed_at"] <= fresh_after
            ]
            due.append(c)
        self._officers = officers_by_unit(
            {c.unit.pk for c in due} | {c.upper_unit.pk for c in due if c.step > 0 and c.upper_unit is not None}
        )
        return due

    # --- claiming --------------------------------------------------------------------------------
    def claim(self, due: list[Candidate]) -> list[tuple[Candidate, int]]:
        """Insert the rows (a unique violation means another sweep has that step) and take over the
        stale claims; returns the candidates this sweep now owns, with their row ids."""
        stale_before = self.now - CLAIM_STALE_AFTER
        Reminder.objects.bulk_create(
            [
                Reminder(
                    subject_kind=c.kind,
                    subject_id=c.subject_id,
                    unit=c.unit,
                    due_on=c.due_on,
                    step=c.step,
                    upper_unit=c.upper_unit if c.step > 0 else None,
                    subject_title=c.title[:500],
                    subject_url=c.url[:500],
                    status=Reminder.Status.CLAIMED,
                    swept_on=self.day,
                    claim_token=self.token,
                    claimed_at=self.now,
                )
                for c in due
            ],
            ignore_conflicts=True,
            batch_size=1000,
        )
        if self._reclaim or self._supersede:
            # Rows another sweep is taking over right now are skipped (skip_locked), not waited for:
            # two sweeps never lock the same stale rows in different orders.
            with transaction.atomic():
                stale = set(
                    Reminder.objects.select_for_update(skip_locked=True)
                    .filter(pk__in=self._reclaim + self._supersede, status=Reminder.Status.CLAIMED, claimed_at__lte=stale_before)
                    .order_by("pk")
                    .values_list("pk", flat=True)
                )
                Reminder.objects.filter(pk__in=stale & set(self._reclaim)).update(
                    claim_token=self.token, claimed_at=self.now, swept_on=self.day, attempts=F("attempts") + 1
                )
                self.result.superseded += Reminder.objects.filter(pk__in=stale & set(self._supersede)).update(
                    status=Reminder.Status.SUPERSEDED
                )
        mine = {
            (kind, sid, unit_id, due_on, step): pk
            for pk, kind, sid, unit_id, due_on, step in Reminder.objects.filter(
                claim_token=self.token, status=Reminder.Status.CLAIMED
            ).values_list("pk", "subject_kind", "subject_id", "unit_id", "due_on", "step")
        }
        owned = []
        for c in due:
            pk = mine.get((*c.key, c.step))
            if pk is not None:
                owned.append((c, pk))
        return owned

    # --- notifying -------------------------------------------------------------------------------
    def _work_items(self, owned: list[tuple[Candidate, int]]) -> list[list[tuple[Candidate, int]]]:
        """Reminders before the deadline go one by one; overdue notices of one group (a reporting
        period, a plan task) and step to the same upper unit go together, so the upper level gets
        one notice listing its late units."""
        items, groups = [], defaultdict(list)
        for c, pk in owned:
            if c.step > 0 and c.upper_unit is not None:
                groups[(c.kind, c.group_id, c.due_on, c.step, c.upper_unit.pk)].append((c, pk))
            else:
                items.append([(c, pk)])
        return items + list(groups.values())

    def send(self, owned: list[tuple[Candidate, int]]) -> None:
        chunk: list[list[tuple[Candidate, int]]] = []
        size = 0
        for item in self._work_items(owned):
            chunk.append(item)
            size += len(item)
            if size >= CHUNK:
                self._send_chunk(chunk)
                chunk, size = [], 0
        if chunk:
            self._send_chunk(chunk)

    def _send_chunk(self, chunk: list[list[tuple[Candidate, int]]]) -> None:
        ids = [pk for item in chunk for _, pk in item]
        with transaction.atomic():
            locked = set(
                Reminder.objects.select_for_update()
                .filter(pk__in=ids, claim_token=self.token, status=Reminder.Status.CLAIMED)
                .values_list("pk", flat=True)
            )
            if not locked:
                return
            messages, message_reminders, lines = [], [], []
            for item in chunk:
                live = [(c, pk) for c, pk in item if pk in locked]
                if not live:
                    continue
                for c, pk in live:
                    kind, title, body = texts.own_message(c, self.day)
                    messages.append(
                        Message(
                            recipients=self._officers.get(c.unit.pk, []),
                            kind=kind,
                            title=title,
                            body=body,
                            url=c.url,
                            target_type=c.target_type,
                            target_id=c.subject_id,
                            unit=c.unit,
                        )
                    )
                    message_reminders.append([pk])
                first = live[0][0]
                upper_people = []
                if first.step > 0 and first.upper_unit is not None:
                    own = {p.pk for c, _ in live for p in self._officers.get(c.unit.pk, [])}
                    upper_people = [p for p in self._officers.get(first.upper_unit.pk, []) if p.pk not in own]
                    kind, title, body = texts.upper_message([c for c, _ in live], self.day)
                    messages.append(
                        Message(
                            recipients=upper_people,
                            kind=kind,
                            title=title,
                            body=body,
                            url=first.upper_url,
                            target_type=first.group_type,
                            target_id=first.group_id,
                            unit=first.upper_unit,
                        )
                    )
                    message_reminders.append([pk for _, pk in live])
                for c, _ in live:
                    people = self._officers.get(c.unit.pk, []) + upper_people
                    lines.append(SweepLine(c.unit.name, c.kind, c.title, c.step, [_name(p) for p in people]))
            created = notify_many(messages)
            through = Reminder.notifications.through
            links, reached = [], set()
            for pks, notifications in zip(message_reminders, created, strict=True):
                for pk in pks:
                    for n in notifications:
                        links.append(through(reminder_id=pk, notification_id=n.pk))
                        reached.add(pk)
            through.objects.bulk_create(links, batch_size=1000)
            sent_at = timezone.now()
            if reached:
                Reminder.objects.filter(pk__in=reached).update(status=Reminder.Status.SENT, sent_at=sent_at)
            if locked - reached:
                Reminder.objects.filter(pk__in=locked - reached).update(status=Reminder.Status.NO_RECIPIENTS, sent_at=sent_at)
        self.result.lines += lines

    # --- all of it -------------------------------------------------------------------------------
    def preview(self, due: list[Candidate]) -> None:
        for c in due:
            people = list(self._officers.get(c.unit.pk, []))
            if c.step > 0 and c.upper_unit is not None:
                people += [p for p in self._officers.get(c.upper_unit.pk, []) if all(p.pk != q.pk for q in people)]
            self.result.lines.append(SweepLine(c.unit.name, c.kind, c.title, c.step, [_name(p) for p in people]))

    def run(self) -> SweepResult:
        due = self.due()
        if self.dry_run:
            self.preview(due)
        else:
            self.send(self.claim(due))
        return self.result


def sweep(*, day: dt.date | None = None, now: dt.datetime | None = None, dry_run: bool = False) -> SweepResult:
    """Send the reminders due on `day` (today, local time, by default)."""
    return Sweep(day=day, now=now, dry_run=dry_run).run()
