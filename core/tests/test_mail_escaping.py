"""E-mail text parts show what people wrote, verbatim; the HTML part escapes it (issue 16, finding 8).
A plain-text body is not HTML: `"` must not arrive as `&quot;`."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core import mail

from accounts.models import User
from core.mail import render_message

TRICKY = 'Kế hoạch "<b>&</b>" số 04'
ESCAPED = "Kế hoạch &quot;&lt;b&gt;&amp;&lt;/b&gt;&quot; số 04"
KINDS = sorted(p.name for p in (Path(settings.BASE_DIR) / "templates" / "emails").iterdir() if p.is_dir())


def _context(kind: str) -> dict:
    person = SimpleNamespace(full_name=TRICKY, username="tinh", get_full_name=lambda: TRICKY)
    if kind == "account_invitation":
        membership = SimpleNamespace(get_role_display=lambda: "Cán bộ phụ trách", unit=SimpleNamespace(name=TRICKY))
        return {"user": person, "memberships": [membership], "link": "https://dvk.example.vn/tai-khoan/dat-mat-khau/a/b/"}
    if kind == "password_reset":
        return {"user": person, "protocol": "https", "domain": "dvk.example.vn", "uid": "MQ", "token": "abc-123"}
    notification = SimpleNamespace(recipient=person, title=TRICKY, body=f"Nội dung: {TRICKY}")
    return {
        "notification": notification,
        "reminders": [],
        "link": "https://dvk.example.vn/ke-hoach/1/?a=1&b=2",
        "preferences_link": "https://dvk.example.vn/thong-bao/tuy-chon/",
    }


def test_every_kind_is_checked():
    assert {"inspection_recorded", "plan_issued", "task_urged", "account_invitation", "password_reset"} <= set(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_text_parts_are_verbatim_and_the_html_part_is_escaped(kind):
    subject, text, html = render_message(kind, _context(kind))
    assert TRICKY in text and "&quot;" not in text and "&lt;" not in text and "&amp;" not in text, text
    if kind != "password_reset":  # its subject names the account by its user name
        assert TRICKY in subject, subject
    assert "&quot;" not in subject and "&lt;" not in subject and "&amp;" not in subject, subject
    assert ESCAPED in html and TRICKY not in html
    if "link" in _context(kind) and "?a=1&b=2" in _context(kind)["link"]:
        assert "?a=1&b=2" in text and "?a=1&amp;b=2" in html


def test_a_password_reset_mail_shows_the_name_verbatim_in_its_text_part(client, world, django_capture_on_commit_callbacks):
    User.objects.filter(username="tinh").update(full_name=TRICKY)
    with django_capture_on_commit_callbacks(execute=True):  # sent at once or through the queue
        client.post("/tai-khoan/quen-mat-khau/", {"email": "tinh@mttq-tuyenquang.local"})
    (message,) = mail.outbox
    assert f"Kính gửi {TRICKY}," in message.body and "&quot;" not in message.subject
    html = message.alternatives[0][0]
    assert ESCAPED in html and TRICKY not in html
