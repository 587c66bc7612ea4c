from django.urls import path

from registrations import views

app_name = "registrations"

urlpatterns = [
    path("", views.registration_list, name="list"),
    path("xuat.xlsx", views.export_xlsx, name="export_xlsx"),
    path("xuat.csv", views.export_csv, name="export_csv"),
    path("them/", views.registration_create, name="create"),
    path("luu-nhap/", views.registration_autosave, name="autosave"),
    path("nhap/", views.registration_import, name="import"),
    path("nhap/mau.xlsx", views.import_template, name="import_template"),
    path("thong-ke/", views.statistics, name="statistics"),
    path("linh-vuc/", views.field_list, name="fields"),
    path("linh-vuc/them/", views.field_create, name="field_create"),
    path("linh-vuc/<int:pk>/sua/", views.field_edit, name="field_edit"),
    path("<int:pk>/", views.registration_detail, name="detail"),
    path("<int:pk>/sua/", views.registration_edit, name="edit"),
    path("<int:pk>/luu-nhap/", views.registration_autosave_edit, name="autosave_edit"),
    path("<int:pk>/xoa/", views.registration_delete, name="delete"),
    path("<int:pk>/gui-duyet/", views.registration_submit, name="submit"),
    path("<int:pk>/duyet/", views.registration_approve, name="approve"),
    path("<int:pk>/tra-lai/", views.registration_return, name="return"),
    path("<int:pk>/bat-dau/", views.registration_start, name="start"),
    path("<int:pk>/tien-do/", views.progress_add, name="progress_add"),
    path("<int:pk>/hoan-thanh/", views.registration_complete, name="complete"),
    path("<int:pk>/danh-gia/", views.registration_evaluate, name="evaluate"),
]
