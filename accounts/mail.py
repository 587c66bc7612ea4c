"""E-mails about accounts (templates/emails/account_invitation/)."""

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User
from core.mail import absolute_url, send_message


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
