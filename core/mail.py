"""Sending e-mail: every kind of message has a template triplet under templates/emails/<kind>/
(subject.txt, body.txt, body.html), rendered in Vietnamese. The functions that send each kind live
with the room that owns it (accounts/mail.py for invitations; notifications.services sends notices and reminders)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def absolute_url(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def render_message(kind: str, context: dict) -> tuple[str, str, str]:
    """Mail goes to Vietnamese officials: rendered in Vietnamese even when a person reading the
    portal in English caused it (a task run in-process inside their request)."""
    context = {"SITE_NAME": settings.SITE_NAME, "PORTAL_BASE_URL": settings.PORTAL_BASE_URL, **context}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/{kind}/subject.txt", context)
        subject = settings.EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
        text = render_to_string(f"emails/{kind}/body.txt", context)
        html = render_to_string(f"emails/{kind}/body.html", context)
    return subject, text, html


def send_message(*, kind: str, to: list[str], context: dict, connection=None) -> int:
    subject, text, html = render_message(kind, context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to, connection=connection)
    message.attach_alternative(html, "text/html")
    return message.send()
