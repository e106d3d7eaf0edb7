"""Read-only JSON for researchers, the corpus export, and CSV export of a
filtered list."""

import csv

from django.conf import settings
from django.http import FileResponse, HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_safe

from articles.db import content_version
from articles.models import Article, Organization, Region
from articles.portal import results as portal_results
from articles.portal.export import ensure_export, export_path, newest_export
from articles.portal.filters import ArticleFilter
from articles.portal.pagecache import cached_public_page
from articles.portal.paginators import CountedPaginator
from articles.portal.ratelimit import api_limit, rate_limit

API_PAGE_SIZE, API_MAX_PAGE_SIZE = 50, 200
INCLUDES = ("summary", "facets")
# The list's counts per filter choice the API gives, by their names there.
FACET_COUNTS = (
    "regions",
    "organizations",
    "topics",
    "sources",
    "document_types",
    "instruments",
    "sectors",
    "levels",
    "issuing_bodies",
)


def _page(request, queryset, count_from=None):
    """A page of `queryset` with count and next/previous links, as JSON parts."""
    try:
        size = min(max(int(request.GET.get("page_size", API_PAGE_SIZE)), 1), API_MAX_PAGE_SIZE)
    except ValueError:
        size = API_PAGE_SIZE
    paginator = CountedPaginator(
        queryset, size, count_from=queryset if count_from is None else count_from
    )
    page = paginator.get_page(request.GET.get("page"))

    def link(number):
        params = request.GET.copy()
        params["page"] = number
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return page, {
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "next": link(page.next_page_number()) if page.has_next() else None,
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
    }


def _bad_request(filterset):
    return JsonResponse({"errors": filterset.errors.get_json_data()}, status=400)


def article_data(request, article, *, full=False):
    data = {
        "slug": article.slug,
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "title": article.title,
        "published_on": article.published_on.isoformat() if article.published_on else None,
        "date_precision": article.date_precision,
        "source": article.source.slug if article.source else None,
        "source_url": article.web_source_url or None,
        "original_title": article.original_title or None,
        "original_url": article.web_original_url or None,
        "translation_status": article.translation_status,
        "reviewed_at": article.reviewed_at.isoformat() if article.reviewed_at else None,
        "regions": [region.slug for region in article.regions.all()],
        "organizations": [organization.slug for organization in article.organizations.all()],
        "topics": [topic.slug for topic in article.topics.all()],
        "document_type": article.document_type.slug if article.document_type else None,
        "issuing_body": article.issuing_body.slug if article.issuing_body else None,
        "instruments": [facet.slug for facet in article.instruments],
        "sectors": [facet.slug for facet in article.sectors],
        "level": next((facet.slug for facet in article.levels), None),
    }
    if full:
        data.update(
            body=article.body,
            machine_title=article.machine_title,
            machine_body=article.machine_body,
            original_body=article.original_body,
            date_text=article.date_text,
            original_language=article.original_language,
            updated_at=article.updated_at.isoformat(),
        )
    return data


@require_safe
@rate_limit("api", limit=api_limit, period=60)
@cached_public_page
def api_articles(request):
    filterset = ArticleFilter.from_request(request)
    if filterset.refused:
        return _bad_request(filterset)
    include = [part for part in request.GET.get("include", "").split(",") if part]
    unknown = sorted(set(include) - set(INCLUDES))
    if unknown:
        message = f"Unknown: {', '.join(unknown)}. One or more of: {', '.join(INCLUDES)}."
        return JsonResponse({"errors": {"include": message}}, status=400)
    page, meta = _page(request, filterset.ordered().with_links(), count_from=filterset.qs)
    found = []
    for article in page:
        data = article_data(request, article)
        if "summary" in include:
            data["summary"] = article.summary_line()
        found.append(data)
    if "facets" in include:
        meta["facets"] = facet_counts(portal_results.facets(filterset))
    return JsonResponse({**meta, "results": found})


def facet_counts(facets):
    """The list's counts per filter choice, as JSON: {kind: [{slug, name, count}]}."""
    counted = {
        name: [
            {"slug": choice.slug, "name": choice.name, "count": choice.release_count}
            for choice in facets[name]
        ]
        for name in FACET_COUNTS
    }
    counted["years"] = [
        {"slug": str(year), "name": str(year), "count": count} for year, count in facets["years"]
    ]
    return counted


@require_safe
@rate_limit("api", limit=api_limit, period=60)
def api_export(request):
    """Every published release, as its own endpoint describes it, one a line."""
    version = content_version.current()
    path, number = export_path(version), version.number
    if not path.exists():
        if Article.objects.published().count() <= settings.EXPORT_BUILT_BY_REQUEST:
            ensure_export(version, lambda article: article_data(request, article, full=True))
        else:
            path, number = newest_export()
            if path is None:
                return JsonResponse(
                    {"errors": {"export": "The export is being prepared: try again later."}},
                    status=503,
                    headers={"Retry-After": "600"},
                )
    etag = f'"releases-{number}"'
    if etag in request.headers.get("If-None-Match", ""):
        return HttpResponseNotModified(headers={"ETag": etag})
    response = FileResponse(
        path.open("rb"), content_type="application/gzip", filename="carbon-portal-releases.jsonl.gz"
    )
    response["ETag"] = etag
    response["X-Content-Version"] = str(number)
    response["Cache-Control"] = "public, max-age=0, must-revalidate"
    return response


@require_safe
@rate_limit("api", limit=api_limit, period=60)
@cached_public_page
def api_article(request, slug):
    article = get_object_or_404(Article.objects.published().with_links(), slug=slug)
    return JsonResponse(article_data(request, article, full=True))


@require_safe
@rate_limit("api", limit=api_limit, period=60)
@cached_public_page
def api_regions(request):
    regions = Region.objects.select_related("parent").order_by("code", "name")
    kind = request.GET.get("kind")
    if kind:
        if kind not in Region.Kind.values:
            return JsonResponse({"errors": {"kind": f"One of {Region.Kind.values}"}}, status=400)
        regions = regions.filter(kind=kind)
    page, meta = _page(request, regions)
    results = [
        {
            "slug": region.slug,
            "name": region.name,
            "name_zh": region.name_zh,
            "kind": region.kind,
            "code": region.code,
            "parent": region.parent.slug if region.parent else None,
            "url": request.build_absolute_uri(region.get_absolute_url()),
        }
        for region in page
    ]
    return JsonResponse({**meta, "results": results})


@require_safe
@rate_limit("api", limit=api_limit, period=60)
@cached_public_page
def api_organizations(request):
    organizations = Organization.objects.select_related("region").order_by("name")
    page, meta = _page(request, organizations)
    results = [
        {
            "slug": organization.slug,
            "name": organization.name,
            "name_zh": organization.name_zh,
            "kind": organization.kind,
            "region": organization.region.slug if organization.region else None,
            "website": organization.website or None,
            "url": request.build_absolute_uri(organization.get_absolute_url()),
        }
        for organization in page
    ]
    return JsonResponse({**meta, "results": results})


CSV_COLUMNS = [
    "title",
    "published_on",
    "date_precision",
    "source",
    "source_url",
    "regions",
    "organizations",
    "topics",
    "document_type",
    "issuing_body",
    "instruments",
    "sectors",
    "level",
    "translation_status",
    "url",
    "original_title",
    "original_url",
]


def csv_safe(value):
    """Spreadsheets run cells starting with = + - @ (or tab, CR) as formulas."""
    value = "" if value is None else str(value)
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@require_safe
@rate_limit("api", limit=api_limit, period=60)
@cached_public_page
def export_csv(request):
    filterset = ArticleFilter.from_request(request)
    if filterset.refused:
        return _bad_request(filterset)
    limit = settings.CSV_EXPORT_MAX_ROWS
    articles = filterset.ordered().with_links()[:limit]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="carbon-portal-releases.csv"'
    response.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for article in articles:
        row = [
            article.title,
            article.published_on.isoformat() if article.published_on else "",
            article.date_precision,
            article.source.name if article.source else "",
            article.web_source_url,
            "; ".join(region.name for region in article.regions.all()),
            "; ".join(organization.name for organization in article.organizations.all()),
            "; ".join(topic.name for topic in article.topics.all()),
            article.document_type.name if article.document_type else "",
            article.issuing_body.name if article.issuing_body else "",
            "; ".join(facet.name for facet in article.instruments),
            "; ".join(facet.name for facet in article.sectors),
            "; ".join(facet.name for facet in article.levels),
            article.translation_status,
            request.build_absolute_uri(reverse("articles:detail", kwargs={"slug": article.slug})),
            article.original_title,
            article.web_original_url,
        ]
        writer.writerow([csv_safe(cell) for cell in row])
    return response
