from django.urls import path

from documents import views

app_name = "documents"

urlpatterns = [
    path("tep/<int:pk>/", views.attachment_download, name="attachment"),
    path("tep/<int:pk>/anh-nho/", views.attachment_thumbnail, name="thumbnail"),
    path("van-ban/<int:pk>/", views.document_status, name="document_status"),
    path("van-ban/<int:pk>/tai-ve/", views.document_download, name="document_download"),
]
