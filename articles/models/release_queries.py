"""The vocabulary of release queries: `Article.objects.published().in_region(…)`."""

import datetime

from django.apps import apps
from django.db import models
from django.db.models.functions import TruncMonth
from django.utils import timezone

from articles.db import regions as region_sql
from articles.db import releases as release_sql

from .facets import PolicyFacet
from .places import Organization, Region, Topic


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What readers see: every release that has English to show."""
        # By key against the few waiting ones, not by each row's status:
        # then no list reads the rows it only counts.
        return self.exclude(pk__in=self.model.objects.waiting_keys())

    def count(self):
        # Every published release: counting the table less the few awaiting
        # translation reads two indexes, where the filter scans every row.
        if self.query.where and release_sql.is_every_published(self):
            return release_sql.count_published(self.model)
        return super().count()

    def awaiting_translation(self):
        return self.filter(translation_status=self.model.Status.AWAITING)

    def waiting_keys(self):
        """The keys of the releases awaiting translation, as a subquery
        (unordered, so that the database reads the status index)."""
        return self.model.objects.awaiting_translation().order_by().values("pk")

    def newest_first(self):
        return self.order_by(models.F("published_on").desc(nulls_last=True), "-id")

    def oldest_first(self):
        return self.order_by(models.F("published_on").asc(nulls_last=True), "id")

    def in_region(self, region):
        """Releases linked to the region or to any place below it."""
        links = self.model.regions.through.objects.filter(
            region_id__in=region_sql.descendant_ids(region.pk)
        )
        return self.filter(pk__in=links.values("article_id"))

    def mentioning(self, organization):
        return self.filter(organizations=organization)

    def from_source(self, source):
        return self.filter(source=source)

    def in_topic(self, topic):
        return self.filter(topics=topic)

    def of_document_type(self, document_type):
        return self.filter(document_type=document_type)

    def with_facet(self, facet):
        """Releases of a policy instrument, sector or level of government."""
        return self.filter(facets=facet)

    def issued_by(self, organization):
        return self.filter(issuing_body=organization)

    def with_conflict(self):
        return self.filter(has_conflict=True)

    def dated_from(self, day):
        """Releases whose date could fall on or after `day`: a release dated
        only to a month or a year (stored as the period's first day) counts
        if its period reaches `day`, so "about May" is found from 10 May on."""
        month_start, year_start = day.replace(day=1), day.replace(month=1, day=1)
        precision = self.model.Precision
        return self.filter(published_on__gte=year_start).filter(
            models.Q(published_on__gte=day)
            | models.Q(date_precision=precision.MONTH, published_on__gte=month_start)
            | models.Q(date_precision=precision.YEAR)
        )

    def dated_until(self, day):
        """Releases whose date could fall on or before `day`: each is stored
        as the first day of its period, so a period that starts by `day`
        overlaps it."""
        return self.filter(published_on__lte=day)

    def by_year(self, year):
        return self.dated_from(datetime.date(year, 1, 1)).dated_until(datetime.date(year, 12, 31))

    def for_listing(self):
        """What any card shows beside the title: the date, source, issuing
        body and document type (joined, not queried per card)."""
        return self.select_related("source", "issuing_body", "document_type")

    def for_cards(self):
        """What a release's card in a list shows: its source and issuing body,
        places, topics and policy facets."""
        return self.for_listing().prefetch_related(
            models.Prefetch("regions", queryset=Region.objects.broadest_first()),
            models.Prefetch("topics", queryset=Topic.objects.order_by("name")),
        )

    def with_links(self):
        """Everything a release page, a feed or the API shows of its links,
        in a fixed number of queries: a card's, and its organizations."""
        return self.for_cards().prefetch_related(
            models.Prefetch("organizations", queryset=Organization.objects.order_by("name")),
            models.Prefetch("facets", queryset=PolicyFacet.objects.order_by("position")),
        )

    def related_to(self, article):
        """Releases sharing a region or an organization with `article`."""
        through_regions = self.model.regions.through.objects
        through_orgs = self.model.organizations.through.objects
        shared = models.Q(
            pk__in=through_regions.filter(
                region_id__in=through_regions.filter(article_id=article.pk).values("region_id")
            ).values("article_id")
        ) | models.Q(
            pk__in=through_orgs.filter(
                organization_id__in=through_orgs.filter(article_id=article.pk).values(
                    "organization_id"
                )
            ).values("article_id")
        )
        return self.filter(shared).exclude(pk=article.pk)

    def years_spanned(self):
        """The years from the first dated release to the last, oldest first.
        One query of two subqueries, the first and the last date, which both
        databases answer from the date's index, where the distinct years (or
        MIN and MAX side by side, on SQLite) would scan every release. A year
        between them without releases leads to an empty list, which is an
        answer too."""
        dated = self.filter(published_on__isnull=False).values("published_on")
        first, last = release_sql.first_and_last_dates(dated)
        if first is None:
            return range(0)
        # SQLite returns the dates as text: the year is their first four digits.
        return range(int(str(first)[:4]), int(str(last)[:4]) + 1)

    def newest_date(self, today=None):
        """The date of the newest dated release (ignoring ones dated in the
        future by a bad parse): where "recent" ends on charts."""
        today = today or timezone.localdate()
        return self.filter(published_on__lte=today).aggregate(newest=models.Max("published_on"))[
            "newest"
        ]

    def per_month(self, since):
        """[(first day of month, count)] from `since` on, oldest first. Over
        every published release, in one query: the whole table's months (read
        from the date's index) and, negative, those of the few releases
        awaiting translation, summed here."""
        if not (self.query.where and release_sql.is_every_published(self)):
            return list(self._months(since).order_by("month"))
        waiting = self.model.objects.filter(pk__in=self.model.objects.waiting_keys())
        months = {}
        rows = (
            self.model.objects.all()._months(since).union(waiting._months(since, sign=-1), all=True)
        )
        for month, count in rows:
            months[month] = months.get(month, 0) + count
        return sorted((month, count) for month, count in months.items() if count)

    def _months(self, since, sign=1):
        return (
            self.filter(published_on__gte=since)
            .annotate(month=TruncMonth("published_on"))
            .order_by()
            .values_list("month")
            .annotate(count=models.Count("pk") * sign)
        )

    def with_open_flag_count(self):
        """Each article's open quality flags, as one subquery (no per-row queries)."""
        # By name: the editorial models are built on this module.
        open_flags = (
            apps.get_model("articles", "QualityFlag")
            .objects.open()
            .filter(article=models.OuterRef("pk"))
            .order_by()
            .values("article")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(
            open_flag_count=models.functions.Coalesce(
                models.Subquery(open_flags, output_field=models.IntegerField()), 0
            )
        )
