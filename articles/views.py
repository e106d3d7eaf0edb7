from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .models import Article, Organization, Region, Source, Topic


def paginate(request, queryset):
    paginator = Paginator(queryset, settings.ARTICLES_PER_PAGE)
    return paginator.get_page(request.GET.get("page"))


@require_GET
def home(request):
    latest = Article.objects.published().for_listing().newest_first()[:10]
    return render(request, "articles/home.html", {"latest": latest})


@require_GET
def article_list(request):
    articles = Article.objects.published().for_listing().newest_first()
    return render(request, "articles/article_list.html", {"page_obj": paginate(request, articles)})


@require_GET
def article_detail(request, slug):
    article = get_object_or_404(Article.objects.published().select_related("source"), slug=slug)
    return render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "regions": article.regions.order_by("name"),
            "organizations": article.organizations.order_by("name"),
        },
    )


def _articles_about(request, obj, articles, template="articles/article_list.html"):
    return render(
        request,
        template,
        {"subject": obj, "page_obj": paginate(request, articles.for_listing().newest_first())},
    )


@require_GET
def region_detail(request, slug):
    region = get_object_or_404(Region, slug=slug)
    return _articles_about(request, region, Article.objects.published().in_region(region))


@require_GET
def organization_detail(request, slug):
    organization = get_object_or_404(Organization, slug=slug)
    return _articles_about(
        request, organization, Article.objects.published().mentioning(organization)
    )


@require_GET
def source_detail(request, slug):
    source = get_object_or_404(Source, slug=slug)
    return _articles_about(request, source, Article.objects.published().from_source(source))


@require_GET
def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    return _articles_about(request, topic, Article.objects.published().in_topic(topic))
