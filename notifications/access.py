"""A notification is its recipient's alone: anyone else gets 404."""

from django.http import Http404
from django.utils.translation import gettext as _

from notifications.models import Notification


def get_notification_for(request, pk: int, need: str = "view") -> Notification:
    notification = Notification.objects.filter(pk=pk, recipient_id=request.user.pk).first()
    if notification is None:
        raise Http404(_("Không tìm thấy thông báo."))
    return notification
