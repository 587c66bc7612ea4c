from django.urls import path

from .views import articles as views

app_name = "articles"

urlpatterns = [
    path("", views.article_list, name="list"),
    path("viet/", views.article_create, name="create"),
    path("cuoc-thi/", views.contest_list, name="contest"),
    path("cuoc-thi/danh-sach.csv", views.contest_export, name="contest_export"),
    path("<int:pk>/", views.article_detail, name="detail"),
    path("<int:pk>/sua/", views.article_edit, name="edit"),
    path("<int:pk>/anh/", views.article_photo_add, name="photo_add"),
    path("<int:pk>/gui-dang/", views.article_submit, name="submit"),
    path("<int:pk>/duyet-dang/", views.article_publish, name="publish"),
    path("<int:pk>/tra-lai/", views.article_return, name="return"),
    path("<int:pk>/go-xuong/", views.article_unpublish, name="unpublish"),
    path("<int:pk>/du-thi/", views.article_contest, name="contest_enter"),
]
