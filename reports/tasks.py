"""Celery tasks of the reports app: thin, they take ids and call a service."""

from celery import shared_task


@shared_task(acks_late=True)
def compare_report_version(version_id: int):
    """Compare a version just sent with the one before it, once, for the versions page (reports/diff.py)."""
    from reports.diff import version_changes_store
    from reports.models import ReportVersion

    version = ReportVersion.objects.filter(pk=version_id).first()
    if version is not None:
        version_changes_store(version)
