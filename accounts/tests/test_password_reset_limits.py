"""The "forgotten password" page (issue 16, finding 10): the mail goes through the queue, at most
PASSWORD_RESET_LIMIT_PER_HOUR an hour per client address and per account; past the limit the page
answers exactly as before, so nobody learns whether an account exists or was limited."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.test import Client

from accounts import tasks

RESET = "/tai-khoan/quen-mat-khau/"
TINH = "tinh@mttq-tuyenquang.local"


@pytest.fixture
def ask(django_capture_on_commit_callbacks):
    def post(email: str, address: str = "203.0.113.10"):
        with django_capture_on_commit_callbacks(execute=True):
            return Client(REMOTE_ADDR=address).post(RESET, {"email": email})

    return post


def _same_answer(responses):
    return {(r.status_code, r["Location"], r.content) for r in responses}


def test_the_mail_goes_through_the_queue(world, monkeypatch, ask):
    queued = []
    monkeypatch.setattr("accounts.services.enqueue", lambda task, *args: queued.append((task, args)))
    ask(TINH)
    assert queued == [(tasks.send_password_reset, (world.users["tinh"].pk,))]
    assert mail.outbox == []  # nothing sent inside the request


def test_the_sixth_request_for_an_account_sends_no_mail_and_answers_the_same(world, ask):
    # PASSWORD_RESET_LIMIT_PER_HOUR is 5 by default. From six different addresses: only the account's limit applies.
    responses = [ask(TINH, address=f"203.0.113.{i}") for i in range(1, 7)]
    assert len(mail.outbox) == 5
    assert {m.to[0] for m in mail.outbox} == {TINH}
    assert mail.outbox[0].subject == "[Dân vận khéo] Đặt lại mật khẩu tài khoản tinh"
    assert len(_same_answer(responses)) == 1
    # An unknown address gets that same answer.
    assert _same_answer([*responses, ask("ai-do@example.vn", address="203.0.113.99")]) == _same_answer(responses)


def test_the_sixth_request_from_an_address_sends_no_mail_and_answers_the_same(world, ask):
    emails = [f"{name}@mttq-tuyenquang.local" for name in ("tinh", "sonduong", "nahang", "tantrao", "canbo", "quansat")]
    from accounts.models import User

    assert User.objects.filter(email__in=emails).count() == 6
    responses = [ask(email, address="198.51.100.66") for email in emails]
    assert len(mail.outbox) == 5
    assert "quansat@mttq-tuyenquang.local" not in {m.to[0] for m in mail.outbox}
    assert len(_same_answer(responses)) == 1
    # Someone else, from another address, is not affected.
    ask("quansat@mttq-tuyenquang.local", address="203.0.113.10")
    assert mail.outbox[-1].to == ["quansat@mttq-tuyenquang.local"]


def test_the_limits_last_an_hour(world, ask):
    start = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        for _ in range(6):
            ask(TINH)
    assert len(mail.outbox) == 5
    with time_machine.travel(start + dt.timedelta(minutes=61), tick=False):
        ask(TINH)
    assert len(mail.outbox) == 6


def test_behind_the_proxy_the_address_is_the_clients(world, settings, django_capture_on_commit_callbacks):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = Client(REMOTE_ADDR="10.0.0.1")
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(6):  # six people behind the same proxy, each asking for their own account
            email = ["tinh", "sonduong", "nahang", "tantrao", "canbo", "quansat"][i]
            proxy.post(RESET, {"email": f"{email}@mttq-tuyenquang.local"}, HTTP_X_FORWARDED_FOR=f"203.0.113.{i + 1}")
    assert len(mail.outbox) == 6
