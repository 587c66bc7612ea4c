"""E-mails about accounts (templates/emails/account_invitation/, templates/emails/password_reset/)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User
from core.mail import absolute_url, render_message, send_message


def send_account_invitation(*, user_id: int) -> int:
    """A new account with an e-mail: a link to choose a password (valid as long as a reset link)."""
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


def send_password_reset(*, user_id: int) -> int:
    """A link to choose a new password, asked for on the "forgotten password" page (the request was
    counted against its limits there). Nothing is sent to an account that can no longer use it."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email or not user.has_usable_password():
        return 0
    base = urlsplit(settings.PORTAL_BASE_URL)
    context = {
        "user": user,
        "email": user.email,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        # The template writes {{ protocol }}://{{ domain }}{% url … %}, as Django's own reset mail.
        "protocol": base.scheme or "https",
        "domain": base.netloc + base.path.rstrip("/"),
        "site_name": settings.SITE_NAME,
    }
    subject, text, html = render_message("password_reset", context)
    # The subject template carries the prefix that render_message adds: keep one.
    prefix = settings.EMAIL_SUBJECT_PREFIX
    if prefix.strip() and subject.startswith(prefix + prefix.strip()):
        subject = subject[len(prefix) :]
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [user.email])
    message.attach_alternative(html, "text/html")
    return message.send()
