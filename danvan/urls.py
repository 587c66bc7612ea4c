from django.contrib import admin
from django.urls import include, path

from core import views
from publishing import urls as publishing_urls

urlpatterns = [
    path("", views.home, name="home"),
    path("tai-khoan/", include("accounts.urls")),
    path("don-vi/", include("units.urls")),
    path("ke-hoach/", include("plans.urls")),
    path("ke-hoach/", include("campaigns.urls")),
    path("dang-ky/", include("registrations.urls")),
    path("bao-cao/", include("reports.urls")),
    path("thong-bao/nhac-han/", include("reminders.urls")),
    path("thong-bao/", include("notifications.urls")),
    path("nhat-ky-thay-doi/", include("audit.urls")),
    path("bang-dieu-khien/", include("dashboards.urls")),
    path("guong-dien-hinh/", include(publishing_urls.exemplars_patterns)),
    path("bai-viet/", include(publishing_urls.articles_patterns)),
    path("tin-tuc/", include(publishing_urls.public_patterns)),
    path("", include("documents.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("suc-khoe/", views.health, name="health"),
    path("quan-tri/", admin.site.urls),
]
