import time

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from articles.db import search
from articles.editorial.corrections import correction_log
from articles.models import Article, Organization, Region, Source, Topic
from articles.portal import openapi, results
from articles.portal.filters import ArticleFilter
from articles.portal.forms import ProblemReportForm, rate_limited
from articles.portal.pagecache import cached_public_page
from articles.portal.ratelimit import client_hash
from articles.portal.timeline import STACK_CHOICES, STACKS


@require_safe
@cached_public_page
def home(request):
    articles = Article.objects.published()
    latest = articles.for_listing().newest_first()[:8]
    return render(
        request, "articles/home.html", {"latest": latest, **results.home_summary(articles)}
    )


@require_safe
def article_list(request):
    if request.GET.get("format") == "csv":
        from articles.portal.api import export_csv

        # Counted against the reader's rate limit before any cache answers.
        return export_csv(request)
    return article_list_page(request)


@require_safe
@cached_public_page
def timeline(request):
    filterset = ArticleFilter.from_request(request)
    stack = request.GET.get("stack", "")
    context = {"filter": filterset, "stacks": STACK_CHOICES, "stack": stack}
    if filterset.refused or stack not in STACKS:
        context["unknown_stack"] = not filterset.refused
        return render(request, "articles/timeline.html", context, status=400)
    context["timeline"] = results.timeline(filterset, stack)
    context["kept_params"] = results.chosen_filters(filterset)
    return render(request, "articles/timeline.html", context)


@cached_public_page
def article_list_page(request):
    filterset = ArticleFilter.from_request(request)
    context = {"filter": filterset, "search_query": filterset.search_query}
    if filterset.refused:
        # Say what was wrong rather than quietly ignoring part of the request.
        return render(request, "articles/article_list.html", context, status=400)
    page_obj = results.release_page(request, filterset)
    if filterset.search_query:
        marked = search.snippets(filterset.search_query, page_obj)
        for article in page_obj:
            article.snippet = marked.get(article.pk)
            article.marked_title = search.highlight(article.title, filterset.search_query)
    context.update(page_obj=page_obj, facets=results.facets(filterset))
    return render(request, "articles/article_list.html", context)


@require_safe
@cached_public_page
def article_detail(request, slug):
    article = get_object_or_404(Article.objects.published().with_links(), slug=slug)
    related = Article.objects.published().related_to(article).for_listing().newest_first()[:5]
    canonical_url = request.build_absolute_uri(article.get_absolute_url())
    context = {
        "article": article,
        "regions": article.regions.all(),
        "organizations": article.organizations.all(),
        "topics": article.topics.all(),
        "corrections": correction_log(article),
        "related": list(related),
        "canonical_url": canonical_url,
        "json_ld": article_json_ld(article, canonical_url),
    }
    return render(request, "articles/article_detail.html", context)


def article_json_ld(article, url):
    """schema.org NewsArticle: what search engines and citation tools read."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "url": url,
        "inLanguage": article.language,
        "dateModified": article.updated_at.isoformat(),
        "isAccessibleForFree": True,
        "about": [topic.name for topic in article.topics.all()],
        "contentLocation": [
            {"@type": "Place", "name": region.name} for region in article.regions.all()
        ],
        "mentions": [
            {"@type": "Organization", "name": organization.name}
            for organization in article.organizations.all()
        ],
    }
    if article.published_on:
        data["datePublished"] = article.published_on.isoformat()
    if article.source:
        data["publisher"] = {"@type": "Organization", "name": article.source.name}
    if article.web_original_url or article.web_source_url:
        data["isBasedOn"] = article.web_original_url or article.web_source_url
    if article.original_title:
        data["translationOfWork"] = {
            "@type": "CreativeWork",
            "name": article.original_title,
            "inLanguage": article.original_language,
            **({"url": article.web_original_url} if article.web_original_url else {}),
        }
    return data


@require_http_methods(["GET", "HEAD", "POST"])
def report_problem(request, slug):
    """A reader's report of a translation problem. The form has a page of its
    own so that the release page holds nothing per reader (no CSRF token, no
    start time) and can be cached whole."""
    article = get_object_or_404(Article.objects.published(), slug=slug)
    status = 200
    if request.method == "GET":
        form = ProblemReportForm()
    else:
        form = ProblemReportForm(request.POST)
        if rate_limited(request):
            form.add_error(None, _("You have sent many reports this hour. Please try again later."))
            status = 429
            retry_after = 60 * 60 - int(time.time()) % (60 * 60)
        elif form.is_valid():
            report = form.save(commit=False)
            report.article = article
            report.client_hash = client_hash(request)
            report.save()
            messages.success(
                request, _("Thank you. Editors will look at your report before changing anything.")
            )
            return redirect(article.get_absolute_url())
        else:
            status = 400
    context = {"article": article, "form": form}
    response = render(request, "articles/report_problem.html", context, status=status)
    if status == 429:
        response["Retry-After"] = str(retry_after)
    return response


def _subject_page(request, template, subject, articles, **extra):
    """A page about one place, organization, source or topic: its releases,
    narrowed by the same filters as the list."""
    filterset = ArticleFilter.from_request(request, articles)
    context = {"subject": subject, "filter": filterset, **extra}
    if filterset.refused:
        return render(request, template, context, status=400)
    context["page_obj"] = results.release_page(request, filterset, subject)
    return render(request, template, context)


@require_safe
@cached_public_page
def region_index(request):
    articles = Article.objects.published()
    provinces = results.region_release_counts(Region.objects.provinces(), articles)
    country = Region.objects.filter(kind=Region.Kind.COUNTRY).first()
    return render(
        request, "articles/region_index.html", {"provinces": provinces, "country": country}
    )


@require_safe
@cached_public_page
def region_detail(request, slug):
    region = get_object_or_404(Region.objects.select_related("parent"), slug=slug)
    articles = Article.objects.published().in_region(region)
    children = results.region_release_counts(region.children.all(), Article.objects.published())
    organizations = Organization.objects.filter(
        region__in=Region.objects.descendants_of(region)
    ).annotate(release_count=Count("articles"))
    return _subject_page(
        request,
        "articles/region_detail.html",
        region,
        articles,
        ancestors=region.ancestors(),
        children=children,
        organizations=organizations.order_by("-release_count", "name")[:30],
        feed_params=f"region={region.slug}",
    )


@require_safe
@cached_public_page
def organization_index(request):
    organizations = (
        Organization.objects.select_related("region")
        .annotate(release_count=Count("articles"))
        .filter(release_count__gt=0)
        .order_by("-release_count", "name")
    )
    return render(
        request,
        "articles/organization_index.html",
        {"page_obj": results.page_of(request, organizations, per_page=100)},
    )


@require_safe
@cached_public_page
def organization_detail(request, slug):
    organization = get_object_or_404(Organization.objects.select_related("region"), slug=slug)
    articles = Article.objects.published().mentioning(organization)
    return _subject_page(
        request,
        "articles/organization_detail.html",
        organization,
        articles,
        feed_params=f"organization={organization.slug}",
    )


@require_safe
@cached_public_page
def source_index(request):
    sources = (
        Source.objects.select_related("region")
        .annotate(release_count=Count("articles"))
        .order_by("-release_count", "name")
    )
    return render(request, "articles/source_index.html", {"sources": sources})


@require_safe
@cached_public_page
def source_detail(request, slug):
    source = get_object_or_404(Source.objects.select_related("region"), slug=slug)
    return _subject_page(
        request,
        "articles/source_detail.html",
        source,
        Article.objects.published().from_source(source),
        feed_params=f"source={source.slug}",
    )


@require_safe
@cached_public_page
def topic_index(request):
    topics = Topic.objects.annotate(
        release_count=Count("articles", filter=Q(articles__in=Article.objects.published()))
    ).order_by("name")
    return render(request, "articles/topic_index.html", {"topics": topics})


@require_safe
@cached_public_page
def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    return _subject_page(
        request,
        "articles/topic_detail.html",
        topic,
        Article.objects.published().in_topic(topic),
        feed_params=f"topic={topic.slug}",
    )


@require_safe
def robots_txt(request):
    from django.urls import reverse

    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        f"Disallow: {reverse('articles:export')}",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@cached_public_page
def api_schema(request):
    return JsonResponse(openapi.document(), json_dumps_params={"indent": 1})


@require_safe
@cached_public_page
def api_docs(request):
    """The API's document, for people: every endpoint, parameter and field."""
    document = openapi.document()
    schemas = document["components"]["schemas"]
    endpoints = []
    for path, operations in document["paths"].items():
        operation = operations["get"]
        ok = operation["responses"]["200"].get("content", {}).get("application/json")
        fields = None
        if ok:
            name = ok["schema"]["$ref"].rsplit("/", 1)[-1]
            item = schemas[name]["properties"].get("results", {}).get("items", {}).get("$ref")
            fields = schemas[item.rsplit("/", 1)[-1] if item else name]["properties"]
        endpoints.append(
            {
                "path": path,
                "operation": operation,
                "responses": sorted(operation["responses"].items()),
                "fields": [
                    (name, _type_text(field), field.get("description", ""))
                    for name, field in sorted((fields or {}).items())
                ],
            }
        )
    return render(request, "api/docs.html", {"document": document, "endpoints": endpoints})


def _type_text(field):
    """ "string or null", "array" of a field's schema, for people."""
    kinds = field.get("type", "")
    text = " or ".join(kinds) if isinstance(kinds, list) else kinds
    return f"{text} ({field['format']})" if field.get("format") else text
