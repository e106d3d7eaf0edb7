from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef
from django.urls import reverse

from articles.models import Article, Organization, Region, Source, Topic


class PortalSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class ArticleSitemap(PortalSitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, article):
        return article.updated_at


class LinkedSitemap(PortalSitemap):
    """Places, organizations, sources and topics with at least one release."""

    changefreq = "weekly"
    model = None
    relation = None

    def items(self):
        linked = Article.objects.published().filter(**{self.relation: OuterRef("pk")})
        return self.model.objects.filter(Exists(linked)).only("slug").order_by("pk")


class RegionSitemap(LinkedSitemap):
    model, relation = Region, "regions"


class OrganizationSitemap(LinkedSitemap):
    model, relation = Organization, "organizations"


class SourceSitemap(LinkedSitemap):
    model, relation = Source, "source"


class TopicSitemap(LinkedSitemap):
    model, relation = Topic, "topics"


class PageSitemap(PortalSitemap):
    changefreq = "daily"

    def items(self):
        return [
            "articles:home",
            "articles:list",
            "articles:region_index",
            "articles:organization_index",
            "articles:source_index",
            "articles:topic_index",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "regions": RegionSitemap,
    "organizations": OrganizationSitemap,
    "sources": SourceSitemap,
    "topics": TopicSitemap,
}
