"""E-mail: one function per kind of message, each with a template triplet under
templates/emails/<kind>/ (subject.txt, body.txt, body.html)."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


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


def send_account_invitation(*, user_id: int) -> int:
    """A new account with an e-mail: a link to choose a password (valid as long as a reset link)."""
    from accounts.models import User

    user = User.objects.prefetch_related("memberships__unit").get(pk=user_id)
    if not user.email:
        return 0
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = absolute_url(reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token}))
    return send_message(
        kind="account_invitation",
        to=[user.email],
        context={"user": user, "link": link, "memberships": list(user.memberships.all())},
    )
