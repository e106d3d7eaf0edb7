import datetime
import hashlib
import time

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from . import charts, content_version, search
from .corrections import correction_log
from .filters import ArticleFilter
from .forms import ProblemReportForm, rate_limited
from .models import Article, Organization, Region, Source, Topic
from .pagecache import cached_public_page
from .paginators import CountedPaginator
from .ratelimit import client_hash


def paginate(request, queryset, count_from=None, per_page=None, **cached):
    """A page of `queryset`, or of a filter set's releases in the order asked for."""
    if isinstance(queryset, ArticleFilter):
        queryset, count_from = queryset.ordered(), queryset.qs
    paginator = CountedPaginator(
        queryset,
        per_page or settings.ARTICLES_PER_PAGE,
        count_from=queryset if count_from is None else count_from,
        **cached,
    )
    return paginator.get_page(request.GET.get("page"))


def cached_list(request, filterset, subject=None):
    """Cache keys for a list's total and its pages' keys (they include the
    releases' data version), and where to read the page's rows from."""
    version = filterset.data_version
    scope = f"{type(subject).__name__}-{subject.pk}" if subject is not None else "all"
    return {
        "count_cache_key": list_cache_key(request, f"count:{scope}", version),
        "page_cache_key": list_cache_key(
            request, f"page:{scope}", version, ignore=("page", "format")
        ),
        "rows_from": Article.objects.published().for_cards(),
    }


def list_cache_key(request, kind, version, *, ignore=("page", "sort", "format")):
    """A cache key for something derived from a filtered list: its
    parameters (less those in `ignore`) and the releases' data version."""
    params = sorted(
        (key, value) for key, values in request.GET.lists() for value in values if key not in ignore
    )
    digest = hashlib.sha256(repr(params).encode()).hexdigest()
    return f"list-{kind}:{get_language()}:{digest}:{version}"


@require_safe
@cached_public_page
def home(request):
    articles = Article.objects.published()
    latest = articles.for_listing().newest_first()[:8]
    return render(request, "articles/home.html", {"latest": latest, **home_summary(articles)})


def home_summary(articles):
    """The map, the chart and the rankings: aggregates over every release,
    computed once per change in what lists show (the listing number) and cached."""
    key = f"home-summary:{get_language()}:{content_version.current().listing_number}"
    summary = cache.get(key)
    if summary is not None:
        return summary
    # "Recent" ends at the newest release, so a pause in imports does not
    # empty the chart and the ranking.
    end = articles.newest_date() or timezone.localdate()
    active = (
        Organization.objects.filter(
            articles__published_on__gt=end - datetime.timedelta(days=365),
            articles__published_on__lte=end,
        )
        .annotate(release_count=Count("articles"))
        .order_by("-release_count", "name")[:10]
    )
    summary = {
        "tiles": charts.province_tiles(articles),
        "bars": charts.monthly_bars(articles, end),
        "active_organizations": list(active),
        "topics": list(Topic.objects.annotate(release_count=Count("articles")).order_by("name")),
    }
    cache.set(key, summary, settings.FACET_CACHE_SECONDS)
    return summary


@require_safe
def article_list(request):
    if request.GET.get("format") == "csv":
        from .api import export_csv

        # Counted against the reader's rate limit before any cache answers.
        return export_csv(request)
    return article_list_page(request)


@cached_public_page
def article_list_page(request):
    filterset = ArticleFilter.from_request(request)
    context = {"filter": filterset, "search_query": filterset.search_query}
    if filterset.refused:
        # Say what was wrong rather than quietly ignoring part of the request.
        return render(request, "articles/article_list.html", context, status=400)
    page_obj = paginate(request, filterset, **cached_list(request, filterset))
    if filterset.search_query:
        marked = search.snippets(filterset.search_query, [a.pk for a in page_obj])
        for article in page_obj:
            article.snippet = marked.get(article.pk)
            article.marked_title = search.highlight(article.title, filterset.search_query)
    context.update(page_obj=page_obj, facets=filterset.facets())
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
    if article.web_source_url:
        data["isBasedOn"] = article.web_source_url
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
    context["page_obj"] = paginate(request, filterset, **cached_list(request, filterset, subject))
    return render(request, template, context)


@require_safe
@cached_public_page
def region_index(request):
    articles = Article.objects.published()
    provinces = Region.objects.provinces().with_release_counts(articles)
    country = Region.objects.filter(kind=Region.Kind.COUNTRY).first()
    return render(
        request, "articles/region_index.html", {"provinces": provinces, "country": country}
    )


@require_safe
@cached_public_page
def region_detail(request, slug):
    region = get_object_or_404(Region.objects.select_related("parent"), slug=slug)
    articles = Article.objects.published().in_region(region)
    children = region.children.with_release_counts(Article.objects.published())
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
        {"page_obj": paginate(request, organizations, per_page=100)},
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
        "Disallow: /admin/",
        f"Disallow: {reverse('articles:export')}",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
