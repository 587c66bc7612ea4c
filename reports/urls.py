from django.urls import path

from reports.views import periods, reports, summary

app_name = "reports"

REPORT = "ky/<int:pk>/don-vi/<str:code>/"

urlpatterns = [
    path("", periods.index, name="index"),
    path("ky/them/", periods.period_create, name="period_create"),
    path("ky/<int:pk>/", periods.period_detail, name="period_detail"),
    path("ky/<int:pk>/sua/", periods.period_edit, name="period_edit"),
    path("ky/<int:pk>/trang-thai/", periods.period_status, name="period_status"),
    path("ky/<int:pk>/so-lieu.xlsx", periods.period_export, name="period_export"),
    path("ky/<int:pk>/tong-hop/", summary.summary_detail, name="summary_detail"),
    path("ky/<int:pk>/tong-hop/luu/", summary.summary_save, name="summary_save"),
    path("ky/<int:pk>/tong-hop/ban-hanh/", summary.summary_issue, name="summary_issue"),
    path("ky/<int:pk>/tong-hop/mo-lai/", summary.summary_reopen, name="summary_reopen"),
    path("ky/<int:pk>/tong-hop/pdf/", summary.summary_pdf, name="summary_pdf"),
    path(REPORT, reports.report_detail, name="report_detail"),
    path(REPORT + "luu/", reports.report_save, name="report_save"),
    path(REPORT + "gui/", reports.report_submit, name="report_submit"),
    path(REPORT + "tiep-nhan/", reports.report_accept, name="report_accept"),
    path(REPORT + "tra-lai/", reports.report_return, name="report_return"),
    path(REPORT + "mo-lai/", reports.report_reopen, name="report_reopen"),
    path(REPORT + "phien-ban/", reports.report_versions, name="report_versions"),
    path(REPORT + "pdf/", reports.report_pdf, name="report_pdf"),
    path(REPORT + "du-thao/", reports.report_draft_pdf, name="report_draft_pdf"),
    path(REPORT + "tep/", reports.report_attachment_add, name="report_attachment_add"),
    path(REPORT + "tep/<int:attachment_pk>/go/", reports.report_attachment_delete, name="report_attachment_delete"),
]
