from celery import shared_task

from documents import services


@shared_task(bind=True, acks_late=True, max_retries=3, default_retry_delay=10)
def render_document(self, document_id: int):
    try:
        services.document_render(document_id=document_id)
    except Exception as exc:
        if self.request.retries >= self.max_retries or self.request.is_eager:
            services.document_failed(document_id=document_id, error=f"{type(exc).__name__}: {exc}")
            if self.request.is_eager:
                return None
            raise
        raise self.retry(exc=exc, countdown=10 * (self.request.retries + 1)) from exc
    return document_id
