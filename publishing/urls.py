"""The publishing room has three namespaces: `articles` (/bai-viet/, written and reviewed inside the
portal), `exemplars` (/guong-dien-hinh/) and `public` (/tin-tuc/, the committee's public site)."""

from django.urls import path

from publishing.views import articles, exemplars, public

articles_patterns = (
    [
        path("", articles.article_list, name="list"),
        path("viet/", articles.article_create, name="create"),
        path("cuoc-thi/", articles.contest_list, name="contest"),
        path("cuoc-thi/danh-sach.csv", articles.contest_export, name="contest_export"),
        path("<int:pk>/", articles.article_detail, name="detail"),
        path("<int:pk>/sua/", articles.article_edit, name="edit"),
        path("<int:pk>/anh/", articles.article_photo_add, name="photo_add"),
        path("<int:pk>/gui-dang/", articles.article_submit, name="submit"),
        path("<int:pk>/duyet-dang/", articles.article_publish, name="publish"),
        path("<int:pk>/tra-lai/", articles.article_return, name="return"),
        path("<int:pk>/go-xuong/", articles.article_unpublish, name="unpublish"),
        path("<int:pk>/du-thi/", articles.article_contest, name="contest_enter"),
    ],
    "articles",
)

exemplars_patterns = (
    [
        path("", exemplars.exemplar_list, name="list"),
        path("de-nghi/", exemplars.exemplar_create, name="create"),
        path("<int:pk>/", exemplars.exemplar_detail, name="detail"),
        path("<int:pk>/sua/", exemplars.exemplar_edit, name="edit"),
        path("<int:pk>/xet/", exemplars.exemplar_decide_view, name="decide"),
    ],
    "exemplars",
)

public_patterns = (
    [
        path("", public.public_home, name="home"),
        path("tim-kiem/", public.public_search, name="search"),
        path("guong-dien-hinh/", public.public_exemplars, name="exemplars"),
        path("mo-hinh/", public.public_models, name="models"),
        path("rss.xml", public.public_feed, name="feed"),
        path("anh/<int:pk>/", public.public_photo, name="photo"),
        path("anh/<int:pk>/nho/", public.public_photo_thumbnail, name="photo_thumbnail"),
        path("<slug:slug>/", public.public_article, name="article"),
    ],
    "public",
)
