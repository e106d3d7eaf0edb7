from django.urls import path

from articles.portal import api, feeds, views
from articles.portal.pagecache import cached_public_page

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/", views.article_list, name="list"),
    path("articles/export.csv", api.export_csv, name="export"),
    path("articles/timeline/", views.timeline, name="timeline"),
    path("articles/<slug:slug>/", views.article_detail, name="detail"),
    path("articles/<slug:slug>/report/", views.report_problem, name="report"),
    path("regions/", views.region_index, name="region_index"),
    path("regions/<slug:slug>/", views.region_detail, name="region_detail"),
    path("organizations/", views.organization_index, name="organization_index"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization_detail"),
    path("sources/", views.source_index, name="source_index"),
    path("sources/<slug:slug>/", views.source_detail, name="source_detail"),
    path("topics/", views.topic_index, name="topic_index"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic_detail"),
    path("feeds/releases.rss", cached_public_page(feeds.LatestReleasesFeed()), name="feed_rss"),
    path(
        "feeds/releases.atom", cached_public_page(feeds.LatestReleasesAtomFeed()), name="feed_atom"
    ),
    path("api/", views.api_docs, name="api_docs"),
    path("api/schema/", views.api_schema, name="api_schema"),
    path("api/export.jsonl.gz", api.api_export, name="api_export"),
    path("api/articles/", api.api_articles, name="api_articles"),
    path("api/articles/<slug:slug>/", api.api_article, name="api_article"),
    path("api/regions/", api.api_regions, name="api_regions"),
    path("api/organizations/", api.api_organizations, name="api_organizations"),
]
