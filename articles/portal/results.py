"""What a list of releases adds up to: its total, the keys of its pages, the
counts per filter choice, the regions' roll-ups and the home page's summary.

Each is costly over 100,000 releases and changes only with the releases, so
each is computed here and cached under the content version (the listing
number, or the content number where the text matters, as for a search).
Views ask this module for a result; models, QuerySets and filters hold no
cache code.
"""

import datetime
import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import get_language

from articles.db import content_version, search
from articles.db import regions as region_sql
from articles.db.facets import count_choices
from articles.models import Article, GlossaryTerm, Organization, PolicyFacet, Region, Topic
from articles.portal import charts
from articles.portal.filters import FILTER_PARAMS, ArticleFilter
from articles.portal.paginators import CountedPaginator
from articles.portal.timeline import build_timeline, recent_months

# Before any release's date (the importer keeps dates from 1900 on).
EARLIEST_DATE = datetime.date(1900, 1, 1)


def remember(key, compute):
    """The value cached under `key` (which must name the data version), or
    `compute()` stored there for the next request."""
    return cache.get_or_set(key, compute, settings.FACET_CACHE_SECONDS)


def _digest(value):
    return hashlib.sha256(repr(value).encode()).hexdigest()


def page_of(request, queryset, count_from=None, per_page=None, **cached):
    """A page of `queryset`, or of a filter set's releases in the order asked for."""
    if isinstance(queryset, ArticleFilter):
        queryset, count_from = queryset.ordered(), queryset.qs
    paginator = CountedPaginator(
        queryset,
        per_page or settings.ARTICLES_PER_PAGE,
        count_from=queryset if count_from is None else count_from,
        remember=remember,
        **cached,
    )
    return paginator.get_page(request.GET.get("page"))


def release_page(request, filterset, subject=None):
    """A page of a filtered list of releases, its total and its page keys
    cached per filter combination, subject and data version."""
    version = filterset.data_version
    scope = f"{type(subject).__name__}-{subject.pk}" if subject is not None else "all"
    return page_of(
        request,
        filterset,
        count_cache_key=_list_key(request, f"count:{scope}", version),
        page_cache_key=_list_key(request, f"page:{scope}", version, ignore=("page", "format")),
        rows_from=Article.objects.published().for_cards(),
    )


def _list_key(request, kind, version, *, ignore=("page", "sort", "format")):
    """A key for something derived from a filtered list: its parameters (less
    those in `ignore`) and the releases' data version."""
    params = sorted(
        (key, value) for key, values in request.GET.lists() for value in values if key not in ignore
    )
    return f"list-{kind}:{get_language()}:{_digest(params)}:{version}"


def region_release_counts(regions, articles, version=None):
    """`regions`, each with `release_count`: the releases among `articles`
    linked to it or to any place below it; ordered by name. Cached under
    `version` (by default the listing number; pass the content number when
    `articles` depend on the text, as a search's do): walking the gazetteer
    under many regions is the costliest count on the site."""
    regions_sql, regions_params = regions.order_by().values("pk").query.sql_with_params()
    articles_sql, articles_params = articles.order_by().values("pk").query.sql_with_params()
    version = content_version.current().listing_number if version is None else version
    key = "articles:rollup:" + _digest(
        (regions_sql, regions_params, articles_sql, articles_params, version)
    )
    return remember(key, lambda: region_sql.with_release_counts(regions, articles))


def facets(filterset):
    """Counts per choice for a filter set's results, cached per filter
    combination and data version (the counts over all releases are the
    costly ones)."""
    chosen = chosen_filters(filterset)
    key = (
        "articles:facets:"
        + hashlib.sha256(json.dumps([filterset.data_version, chosen]).encode()).hexdigest()
    )
    return remember(key, lambda: _count_facets(filterset))


def _count_facets(filterset):
    results = filterset.qs
    provinces = region_release_counts(Region.objects.provinces(), results, filterset.data_version)
    choices = count_choices(results)
    return {
        "regions": sorted(
            (p for p in provinces if p.release_count), key=lambda p: -p.release_count
        ),
        "organizations": choices["organization"],
        "topics": choices["topic"],
        "sources": choices["source"],
        "years": choices["year"],
        "issuing_bodies": choices["issuing_body"],
        "document_types": choices[PolicyFacet.Kind.DOCUMENT_TYPE],
        "instruments": choices[PolicyFacet.Kind.INSTRUMENT],
        "sectors": choices[PolicyFacet.Kind.SECTOR],
        "levels": choices[PolicyFacet.Kind.LEVEL],
    }


def chosen_filters(filterset):
    """The filter parameters a request chose, sorted: part of cache keys and links."""
    return sorted(
        (name, str(filterset.data.get(name, "")))
        for name in FILTER_PARAMS
        if name != "sort" and filterset.data.get(name)
    )


def timeline(filterset, stack):
    """The timeline of a filter set's releases, split by `stack`, cached per
    filter combination, data version and day (future dates are left out)."""
    chosen = chosen_filters(filterset)
    today = timezone.localdate()
    # The language too: links carry its prefix, and names are in it.
    key = "articles:timeline:" + _digest(
        (get_language(), filterset.data_version, chosen, stack, today)
    )
    return remember(
        key, lambda: build_timeline(filterset.qs, dict(chosen), stack=stack, today=today)
    )


def search_synonyms(version):
    """{phrase (lower-case words): every phrase of its glossary term}, for
    searches to find a term by any of its names, under the content
    `version`: glossary edits move its number, so no cached page is built
    with old synonyms."""
    key = f"articles:search-synonyms:{version.number}"
    return remember(key, _glossary_synonyms)


def _glossary_synonyms():
    table = {}
    for term in GlossaryTerm.objects.all():
        group = {
            phrase
            for name in term.search_names()
            if name.isascii() and (phrase := tuple(search.words_of(name.lower())))
        }
        if len(group) < 2:
            continue
        for phrase in group:
            table[phrase] = tuple(sorted(set(table.get(phrase, ())) | group))
    return table


def home_summary(articles):
    """The map, the chart and the rankings: aggregates over every release,
    computed once per change in what lists show (the listing number)."""
    key = f"home-summary:{get_language()}:{content_version.current().listing_number}"
    return remember(key, lambda: _summarise(articles))


def _summarise(articles):
    # "Recent" ends where releases actually are: a pause in imports does not
    # empty the chart and the ranking, nor does one release misdated into
    # the future or years past the rest.
    today = timezone.localdate()
    month_counts = articles.per_month(EARLIEST_DATE)
    end = charts.chart_end(month_counts, today) or today
    active = (
        Organization.objects.filter(
            articles__published_on__gt=end - datetime.timedelta(days=365),
            articles__published_on__lte=end,
        )
        .annotate(release_count=Count("articles"))
        .order_by("-release_count", "name")[:10]
    )
    provinces = region_release_counts(Region.objects.provinces().exclude(code=None), articles)
    return {
        "tiles": charts.province_tiles(provinces),
        "timeline": recent_months(month_counts, end),
        "active_organizations": list(active),
        "topics": list(Topic.objects.annotate(release_count=Count("articles")).order_by("name")),
    }
