"""The filters of the release list, shared by the page, the feeds, the API and
the CSV export, so that one query string means the same everywhere."""

import datetime
import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from articles.db import content_version, search
from articles.models import Article, Organization, PolicyFacet, Region, Source, Topic

SLUG = re.compile(r"[-\w]{1,120}")

# Query parameters that describe a list; anything else (page, format) is not
# a filter and is dropped from feed and export links.
FILTER_PARAMS = (
    "q",
    "region",
    "organization",
    "source",
    "topic",
    "document_type",
    "instrument",
    "sector",
    "level",
    "issuing_body",
    "year",
    "date_after",
    "date_before",
    "status",
    "sort",
)


class SlugChoiceField(forms.ModelChoiceField):
    """Looks a value up only if it could be a slug: odd input (NUL, which
    PostgreSQL refuses in text, or 10,000 characters) is simply not a choice."""

    def to_python(self, value):
        if value not in self.empty_values and not SLUG.fullmatch(str(value)):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    """Chooses by slug. The form field is never rendered as a whole (the
    gazetteer has thousands of places); templates list counted choices."""

    field_class = SlugChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("widget", forms.TextInput)
        super().__init__(*args, **kwargs)


class ArticleFilter(django_filters.FilterSet):
    class Sort:
        NEWEST, OLDEST, RELEVANCE = "newest", "oldest", "relevance"

    q = django_filters.CharFilter(label=_("Search"), method="filter_search", max_length=10_000)
    region = SlugChoiceFilter(
        label=_("Place"),
        queryset=Region.objects.all(),
        method="filter_region",
        error_messages={"invalid_choice": _("There is no place with that name in the gazetteer.")},
    )
    organization = SlugChoiceFilter(
        label=_("Organization"),
        queryset=Organization.objects.all(),
        method="filter_organization",
        error_messages={"invalid_choice": _("There is no organization with that name.")},
    )
    source = SlugChoiceFilter(
        label=_("Source"),
        queryset=Source.objects.all(),
        method="filter_source",
        error_messages={"invalid_choice": _("There is no source with that name.")},
    )
    topic = SlugChoiceFilter(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        method="filter_topic",
        error_messages={"invalid_choice": _("There is no topic with that name.")},
    )
    document_type = SlugChoiceFilter(
        label=_("Document type"),
        queryset=PolicyFacet.objects.of_kind(PolicyFacet.Kind.DOCUMENT_TYPE),
        method="filter_document_type",
        error_messages={"invalid_choice": _("There is no document type with that name.")},
    )
    instrument = SlugChoiceFilter(
        label=_("Policy instrument"),
        queryset=PolicyFacet.objects.of_kind(PolicyFacet.Kind.INSTRUMENT),
        method="filter_facet",
        error_messages={"invalid_choice": _("There is no policy instrument with that name.")},
    )
    sector = SlugChoiceFilter(
        label=_("Sector"),
        queryset=PolicyFacet.objects.of_kind(PolicyFacet.Kind.SECTOR),
        method="filter_facet",
        error_messages={"invalid_choice": _("There is no sector with that name.")},
    )
    level = SlugChoiceFilter(
        label=_("Level of government"),
        queryset=PolicyFacet.objects.of_kind(PolicyFacet.Kind.LEVEL),
        method="filter_facet",
        error_messages={"invalid_choice": _("There is no level of government with that name.")},
    )
    issuing_body = SlugChoiceFilter(
        label=_("Issued by"),
        queryset=Organization.objects.all(),
        method="filter_issuing_body",
        error_messages={"invalid_choice": _("There is no organization with that name.")},
    )
    year = django_filters.NumberFilter(
        label=_("Year"), method="filter_year", min_value=1949, max_value=2100
    )
    date_after = django_filters.DateFilter(
        label=_("From"),
        method="filter_date_after",
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_before = django_filters.DateFilter(
        label=_("Until"),
        method="filter_date_before",
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    status = django_filters.ChoiceFilter(
        label=_("Translation"),
        field_name="translation_status",
        choices=Article.Status.choices,
        empty_label=_("Any"),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        method="filter_sort",
        choices=[
            (Sort.RELEVANCE, _("Relevance")),
            (Sort.NEWEST, _("Newest first")),
            (Sort.OLDEST, _("Oldest first")),
        ],
        empty_label=None,
    )

    class Meta:
        model = Article
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        query = search.parse((data or {}).get("q", ""))
        if query and not search.chinese_terms(query):
            # Imported here: the results layer builds on these filters.
            from articles.portal import results

            query = query.with_synonyms(results.search_synonyms(self.content_version))
        self.search_query = query

    @classmethod
    def from_request(cls, request, releases=None):
        """The filters the request's query string asks for, over published
        releases (or over `releases`, a subject page's)."""
        releases = Article.objects.published() if releases is None else releases
        return cls(request.GET or None, queryset=releases)

    @property
    def refused(self):
        """Unknown or malformed values: answered with 400 and an explanation,
        never quietly ignored."""
        return self.is_bound and not self.is_valid()

    def filter_search(self, queryset, name, value):
        if not self.search_query:
            return queryset
        return search.matching(queryset, self.search_query)

    def filter_region(self, queryset, name, region):
        return queryset.in_region(region)

    def filter_organization(self, queryset, name, organization):
        return queryset.mentioning(organization)

    def filter_source(self, queryset, name, source):
        return queryset.from_source(source)

    def filter_topic(self, queryset, name, topic):
        return queryset.in_topic(topic)

    def filter_document_type(self, queryset, name, document_type):
        return queryset.of_document_type(document_type)

    def filter_facet(self, queryset, name, facet):
        return queryset.with_facet(facet)

    def filter_issuing_body(self, queryset, name, organization):
        return queryset.issued_by(organization)

    def filter_year(self, queryset, name, year):
        return queryset.by_year(int(year))

    def filter_date_after(self, queryset, name, day):
        return queryset.dated_from(day)

    def filter_date_before(self, queryset, name, day):
        return queryset.dated_until(day)

    def filter_sort(self, queryset, name, value):
        # Ordering is applied by ordered(), after filtering, so that facet
        # counts can reuse the plain filtered queryset.
        return queryset

    @property
    def sort_order(self):
        value = self.form.cleaned_data.get("sort") if self.is_bound and self.is_valid() else ""
        if value in (self.Sort.NEWEST, self.Sort.OLDEST):
            return value
        if value == self.Sort.RELEVANCE and self.search_query:
            return value
        return self.Sort.RELEVANCE if self.search_query else self.Sort.NEWEST

    def ordered(self):
        """The filtered releases in the order asked for (rank only with a search)."""
        queryset = self.qs
        if self.sort_order == self.Sort.RELEVANCE:
            return search.ranked(queryset, self.search_query)
        if self.sort_order == self.Sort.OLDEST:
            return queryset.oldest_first()
        return queryset.newest_first()

    def active_filters(self):
        """The chosen values, as (parameter, label, shown value), for the chips."""
        if not self.is_valid():
            return []
        chosen = []
        for name in FILTER_PARAMS:
            value = self.form.cleaned_data.get(name)
            if name == "sort" or value in (None, ""):
                continue
            if name == "status":
                value = Article.Status(value).label
            elif isinstance(value, datetime.date):
                value = value.isoformat()
            elif name == "year":
                value = int(value)
            chosen.append((name, self.filters[name].label, value))
        return chosen

    @cached_property
    def content_version(self):
        """The content version, read once per request."""
        return content_version.current()

    @cached_property
    def data_version(self):
        """What the cached total, page keys and counts of these results are
        keyed by: a search's results depend on the releases' text, any other
        list only on what the listing number follows. Read once per request."""
        version = self.content_version
        if self.search_query:
            return f"content-{version.number}"
        return f"listing-{version.listing_number}"
