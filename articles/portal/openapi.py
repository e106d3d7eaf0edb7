"""The API's OpenAPI 3 document, built from the list's own filters and the
facets in the database, so that a new filter or facet is documented the day
it exists. The response schemas sit here beside the views that produce
them; tests validate real responses against them."""

import django_filters
from django.urls import reverse

from articles.models import PolicyFacet, Region
from articles.portal.api import API_MAX_PAGE_SIZE, API_PAGE_SIZE, INCLUDES
from articles.portal.filters import FILTER_PARAMS, SLUG, ArticleFilter

SLUGS = {"type": "string", "pattern": f"^{SLUG.pattern}$"}
NULLABLE_STRING = {"type": ["string", "null"]}
NULLABLE_URI = {"type": ["string", "null"], "format": "uri"}
SLUG_LIST = {"type": "array", "items": {"type": "string"}}
FACET_PARAMS = {
    "document_type": PolicyFacet.Kind.DOCUMENT_TYPE,
    "instrument": PolicyFacet.Kind.INSTRUMENT,
    "sector": PolicyFacet.Kind.SECTOR,
    "level": PolicyFacet.Kind.LEVEL,
}

ARTICLE = {
    "type": "object",
    "required": ["slug", "url", "title", "published_on", "date_precision", "regions"],
    "properties": {
        "slug": {"type": "string"},
        "url": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "published_on": {"type": ["string", "null"], "format": "date"},
        "date_precision": {
            "type": "string",
            "description": "day, month or year; empty for an undated release. A month or "
            "year date is the first day of its period.",
        },
        "source": NULLABLE_STRING,
        "source_url": NULLABLE_URI,
        "original_title": NULLABLE_STRING,
        "original_url": NULLABLE_URI,
        "translation_status": {"type": "string"},
        "reviewed_at": {"type": ["string", "null"], "format": "date-time"},
        "regions": SLUG_LIST,
        "organizations": SLUG_LIST,
        "topics": SLUG_LIST,
        "document_type": NULLABLE_STRING,
        "issuing_body": NULLABLE_STRING,
        "instruments": SLUG_LIST,
        "sectors": SLUG_LIST,
        "level": NULLABLE_STRING,
        "summary": {"type": "string", "description": "With include=summary only."},
    },
    "additionalProperties": False,
}
ARTICLE_DETAIL = {
    **ARTICLE,
    "properties": {
        **ARTICLE["properties"],
        "body": {"type": "string", "description": "Paragraphs separated by blank lines."},
        "machine_title": {"type": "string"},
        "machine_body": {"type": "string"},
        "original_body": {"type": "string"},
        "date_text": {"type": "string"},
        "original_language": {"type": "string"},
        "updated_at": {"type": "string", "format": "date-time"},
    },
}
COUNTED = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["slug", "name", "count"],
        "properties": {
            "slug": {"type": "string"},
            "name": {"type": "string"},
            "count": {"type": "integer", "minimum": 0},
        },
    },
}
REGION = {
    "type": "object",
    "properties": {
        "slug": {"type": "string"},
        "name": {"type": "string"},
        "name_zh": {"type": "string"},
        "kind": {"type": "string", "enum": list(Region.Kind.values)},
        "code": NULLABLE_STRING,
        "parent": NULLABLE_STRING,
        "url": {"type": "string", "format": "uri"},
    },
    "additionalProperties": False,
}
ORGANIZATION = {
    "type": "object",
    "properties": {
        "slug": {"type": "string"},
        "name": {"type": "string"},
        "name_zh": {"type": "string"},
        "kind": {"type": "string"},
        "region": NULLABLE_STRING,
        "website": NULLABLE_URI,
        "url": {"type": "string", "format": "uri"},
    },
    "additionalProperties": False,
}
ERRORS = {
    "type": "object",
    "required": ["errors"],
    "properties": {"errors": {"type": "object"}},
}


def page_of(item):
    return {
        "type": "object",
        "required": ["count", "page", "pages", "next", "previous", "results"],
        "properties": {
            "count": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "pages": {"type": "integer", "minimum": 1},
            "next": NULLABLE_URI,
            "previous": NULLABLE_URI,
            "results": {"type": "array", "items": {"$ref": f"#/components/schemas/{item}"}},
        },
    }


def filter_parameters():
    """One query parameter per filter of the release list."""
    facet_slugs = {kind: [] for kind in FACET_PARAMS.values()}
    for kind, slug in PolicyFacet.objects.order_by("position", "slug").values_list("kind", "slug"):
        facet_slugs.setdefault(kind, []).append(slug)
    parameters = []
    for name in FILTER_PARAMS:
        declared = ArticleFilter.base_filters[name]
        schema = _schema_of(declared)
        if name in FACET_PARAMS:
            schema = {"type": "string", "enum": facet_slugs[FACET_PARAMS[name]]}
        parameters.append(
            {
                "name": name,
                "in": "query",
                "required": False,
                "description": str(declared.label),
                "schema": schema,
            }
        )
    return parameters


def _schema_of(declared):
    if isinstance(declared, django_filters.ModelChoiceFilter):
        return dict(SLUGS)
    if isinstance(declared, django_filters.ChoiceFilter):
        return {"type": "string", "enum": [value for value, _ in declared.extra["choices"]]}
    if isinstance(declared, django_filters.DateFilter):
        return {"type": "string", "format": "date"}
    if isinstance(declared, django_filters.NumberFilter):
        return {
            "type": "integer",
            "minimum": declared.extra["min_value"],
            "maximum": declared.extra["max_value"],
        }
    return {"type": "string", "maxLength": declared.extra.get("max_length", 10_000)}


PAGING = [
    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
    {
        "name": "page_size",
        "in": "query",
        "schema": {
            "type": "integer",
            "minimum": 1,
            "maximum": API_MAX_PAGE_SIZE,
            "default": API_PAGE_SIZE,
        },
    },
]


def _json(schema_ref, description):
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_ref}"}}},
    }


def document():
    """The OpenAPI 3.1 document of the API."""
    refused = _json("Errors", "A parameter is unknown or malformed; `errors` says which.")
    articles_list = {
        "summary": "Published releases, filtered like the release list",
        "parameters": [
            *filter_parameters(),
            *PAGING,
            {
                "name": "include",
                "in": "query",
                "description": "Comma-separated extras: `summary` adds each release's "
                "one-line summary, `facets` the counts per filter choice.",
                "schema": {"type": "string", "pattern": f"^(({'|'.join(INCLUDES)}),?)*$"},
            },
        ],
        "responses": {"200": _json("ArticlePage", "A page of releases."), "400": refused},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Carbon Portal API",
            "version": "1",
            "description": "China's low-carbon and carbon-market policy releases in English, "
            "with their originals, places, organizations, topics and policy facets. "
            "Read-only; no key needed; rate-limited per reader.",
        },
        "paths": {
            reverse("articles:api_articles"): {"get": articles_list},
            "/api/articles/{slug}/": {
                "get": {
                    "summary": "One published release, with its text and original",
                    "parameters": [
                        {"name": "slug", "in": "path", "required": True, "schema": SLUGS}
                    ],
                    "responses": {
                        "200": _json("ArticleDetail", "The release."),
                        "404": {"description": "No published release has that slug."},
                    },
                }
            },
            reverse("articles:api_regions"): {
                "get": {
                    "summary": "The gazetteer: provinces, prefectures, counties and zones",
                    "parameters": [
                        {
                            "name": "kind",
                            "in": "query",
                            "schema": {"type": "string", "enum": list(Region.Kind.values)},
                        },
                        *PAGING,
                    ],
                    "responses": {"200": _json("RegionPage", "A page of places."), "400": refused},
                }
            },
            reverse("articles:api_organizations"): {
                "get": {
                    "summary": "Organizations releases name",
                    "parameters": PAGING,
                    "responses": {"200": _json("OrganizationPage", "A page of organizations.")},
                }
            },
            reverse("articles:api_export"): {
                "get": {
                    "summary": "Every published release, one JSON object a line, gzipped",
                    "description": "The same fields as a release's own endpoint. Rebuilt after "
                    "the releases change; until then the newest export built is served, its "
                    "version in X-Content-Version. Answers 304 to a request with its ETag.",
                    "responses": {
                        "200": {
                            "description": "The export.",
                            "content": {"application/gzip": {}},
                        },
                        "304": {"description": "Unchanged since the ETag given."},
                        "503": _json("Errors", "No export is built yet; try again later."),
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Article": ARTICLE,
                "ArticleDetail": ARTICLE_DETAIL,
                "ArticlePage": {
                    **page_of("Article"),
                    "properties": {
                        **page_of("Article")["properties"],
                        "facets": {
                            "type": "object",
                            "description": "With include=facets only: counts per choice.",
                            "additionalProperties": COUNTED,
                        },
                    },
                },
                "Region": REGION,
                "RegionPage": page_of("Region"),
                "Organization": ORGANIZATION,
                "OrganizationPage": page_of("Organization"),
                "Errors": ERRORS,
            }
        },
    }
