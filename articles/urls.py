from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/", views.article_list, name="list"),
    path("articles/<slug:slug>/", views.article_detail, name="detail"),
    path("regions/<slug:slug>/", views.region_detail, name="region_detail"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization_detail"),
    path("sources/<slug:slug>/", views.source_detail, name="source_detail"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic_detail"),
]
