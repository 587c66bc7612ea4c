from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxItem(models.Model):
    """A task that could not be queued (Redis down). `flush_outbox` queues it later; nothing is lost."""

    task_name = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("việc chờ đưa vào hàng đợi")
        verbose_name_plural = _("việc chờ đưa vào hàng đợi")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["sent_at", "created_at"], name="outbox_pending")]

    def __str__(self):
        return f"{self.task_name}{tuple(self.args)}"
