from django.urls import path

from .views import public as views

app_name = "public"

urlpatterns = [
    path("", views.public_home, name="home"),
    path("tim-kiem/", views.public_search, name="search"),
    path("guong-dien-hinh/", views.public_exemplars, name="exemplars"),
    path("mo-hinh/", views.public_models, name="models"),
    path("rss.xml", views.public_feed, name="feed"),
    path("anh/<int:pk>/", views.public_photo, name="photo"),
    path("anh/<int:pk>/nho/", views.public_photo_thumbnail, name="photo_thumbnail"),
    path("<slug:slug>/", views.public_article, name="article"),
]
