from django.contrib import admin
from django.urls import include, path

from core import views

urlpatterns = [
    path("", views.home, name="home"),
    path("tai-khoan/", include("accounts.urls")),
    path("don-vi/", include("campaigns.urls")),
    path("ke-hoach/", include("campaigns.plan_urls")),
    path("dang-ky/", include("registrations.urls")),
    path("bao-cao/", include("reports.urls")),
    path("thong-bao/", include("notifications.urls")),
    path("nhat-ky-thay-doi/", include("audit.urls")),
    path("bang-dieu-khien/", include("dashboards.urls")),
    path("guong-dien-hinh/", include("registrations.exemplar_urls")),
    path("bai-viet/", include("registrations.article_urls")),
    path("tin-tuc/", include("registrations.public_urls")),
    path("", include("documents.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("suc-khoe/", views.health, name="health"),
    path("quan-tri/", admin.site.urls),
]
