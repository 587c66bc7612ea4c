from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("ca-nhan/", views.profile, name="profile"),
    path("doi-mat-khau/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "doi-mat-khau/xong/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"),
        name="password_change_done",
    ),
    path("quen-mat-khau/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "quen-mat-khau/da-gui/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path("dat-mat-khau/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path(
        "dat-mat-khau/xong/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("nguoi-dung/", views.people, name="people"),
    path("nguoi-dung/them/", views.person_create, name="person_create"),
    path("nguoi-dung/nhap/", views.cadres_import, name="cadres_import"),
    path("nguoi-dung/nhap/mau.xlsx", views.cadres_import_template, name="cadres_import_template"),
    path("nguoi-dung/<int:pk>/", views.person_detail, name="person_detail"),
    path("vai-tro/<int:pk>/trang-thai/", views.membership_toggle, name="membership_toggle"),
    path("sap-xep-don-vi/", views.reform, name="reform"),
    path("sap-xep-don-vi/xac-nhan-tat-ca/", views.reform_move_all, name="reform_move_all"),
    path("sap-xep-don-vi/<int:pk>/", views.reform_choose, name="reform_choose"),
    path("sap-xep-don-vi/<int:pk>/chuyen/", views.reform_move, name="reform_move"),
    path("sap-xep-don-vi/<int:pk>/ket-thuc/", views.reform_end, name="reform_end"),
]
