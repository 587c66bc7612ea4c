"""Campaign years and their commemorations. Served under /ke-hoach/ beside the plans (the paths
people already know)."""

from django.urls import path

from campaigns import views

app_name = "campaigns"

urlpatterns = [
    path("ky-niem/", views.commemoration_list, name="commemoration_list"),
    path("ky-niem/<int:pk>/", views.commemoration_detail, name="commemoration_detail"),
    path("hoat-dong-ky-niem/<int:pk>/sua/", views.activity_edit, name="activity_edit"),
    path("phong-trao/", views.campaign_list, name="campaign_list"),
    path("phong-trao/mo-nam-moi/", views.campaign_open, name="campaign_open"),
    path("phong-trao/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("phong-trao/<int:pk>/sua/", views.campaign_edit, name="campaign_edit"),
]
