from core.matrix import rule
from notifications.models import Notification


def _notification_of_sonduong(world):
    title = "Thử"  # vi-only (test data)
    n = Notification.objects.create(recipient=world.users["sonduong"], kind="general", title=title, url="/")
    return {"pk": n.pk}


rule("notifications:inbox", default=200)
rule("notifications:preferences", default=200)
rule("notifications:mark_all_read", method="POST", default=302)
# Only the recipient opens a notification; for anyone else it does not exist.
rule("notifications:open", kwargs=_notification_of_sonduong, method="POST", default=404, sonduong=302)
rule("notifications:mail_log", default=403, tinh=200)
