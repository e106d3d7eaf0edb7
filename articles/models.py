import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import connection, models, transaction
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from . import content_version
from .cleaning import is_web_url, validate_web_url


def split_lines(text):
    """The non-blank lines of a one-per-line text field, stripped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def unique_slug(model, text, *, max_length=80, exclude_pk=None):
    base = slugify(text)[:max_length].strip("-") or model._meta.model_name
    slug, n = base, 2
    others = model._default_manager.all()
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    while others.filter(slug=slug).exists():
        suffix = f"-{n}"
        slug = base[: max_length - len(suffix)] + suffix
        n += 1
    return slug


# The descendants of a region (itself included) in one query. A recursive CTE
# keeps the tree as plain parent links: nothing derived to keep in step when
# an editor moves a region, and both SQLite and PostgreSQL run it.
DESCENDANT_IDS_SQL = """
WITH RECURSIVE tree(id) AS (
    SELECT id FROM articles_region WHERE id = %s
    UNION
    SELECT child.id FROM articles_region AS child JOIN tree ON child.parent_id = tree.id
)
SELECT id FROM tree
"""

ANCESTOR_IDS_SQL = """
WITH RECURSIVE tree(id, parent_id) AS (
    SELECT id, parent_id FROM articles_region WHERE id = %s
    UNION
    SELECT parent.id, parent.parent_id FROM articles_region AS parent
    JOIN tree ON parent.id = tree.parent_id
)
SELECT id FROM tree
"""


class NamedPlaceOrBody(models.Model):
    """What regions, organizations and sources share: a name with aliases
    (one per line), a unique slug made from the name, and a page of their own."""

    url_name = None  # the page's URL name, set by each model

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(type(self), self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(self.url_name, kwargs={"slug": self.slug})

    def alias_list(self):
        return split_lines(self.aliases)


class RegionQuerySet(models.QuerySet):
    def descendants_of(self, region, include_self=True):
        """The region and every region below it (cities, counties, districts)."""
        queryset = self.filter(pk__in=RawSQL(DESCENDANT_IDS_SQL, [region.pk]))
        if not include_self:
            queryset = queryset.exclude(pk=region.pk)
        return queryset

    def ancestors_of(self, region, include_self=False):
        """The regions above this one, up to the country."""
        queryset = self.filter(pk__in=RawSQL(ANCESTOR_IDS_SQL, [region.pk]))
        if not include_self:
            queryset = queryset.exclude(pk=region.pk)
        return queryset

    def provinces(self):
        return self.filter(kind__in=Region.PROVINCIAL_KINDS)

    def with_release_counts(self, articles, version=None):
        """These regions, each with `release_count`: the releases among
        `articles` linked to it or to any place below it. One query, whose
        answer is cached under `version` (by default the listing number;
        pass the content number when `articles` depend on the text, as a
        search's do). Ordered by name."""
        regions_sql, regions_params = self.order_by().values("pk").query.sql_with_params()
        if articles.query.where:
            article_sql, article_params = articles.order_by().values("pk").query.sql_with_params()
            among_articles = f"WHERE link.article_id IN ({article_sql})"
        else:
            # Every release: counting `IN (every id)` took SQLite 0.5 s at 100,000.
            among_articles, article_params = "", []
        sql = ROLLUP_COUNTS_SQL.format(
            columns=", ".join(
                f"region.{connection.ops.quote_name(f.column)}"
                for f in Region._meta.concrete_fields
            ),
            regions=regions_sql,
            among_articles=among_articles,
        )
        params = [*regions_params, *article_params, *regions_params]
        version = content_version.current().listing_number if version is None else version
        key = "articles:rollup:" + hashlib.sha256(repr((sql, params, version)).encode()).hexdigest()
        regions = cache.get(key)
        if regions is None:
            regions = list(Region.objects.raw(sql, params))
            # Walking the gazetteer under many regions is the costliest count
            # on the site, and it only changes with the releases.
            cache.set(key, regions, settings.FACET_CACHE_SECONDS)
        return regions


# Regions with the number of distinct releases linked to each or to a place
# below it: walk down from the given regions, count once per top, and join
# the counts back to the regions (those without releases count 0).
ROLLUP_COUNTS_SQL = """
WITH RECURSIVE down(id, top) AS (
    SELECT id, id FROM articles_region WHERE id IN ({regions})
    UNION
    SELECT child.id, down.top FROM articles_region AS child JOIN down ON child.parent_id = down.id
),
counts(top, release_count) AS (
    SELECT down.top, COUNT(DISTINCT link.article_id)
    FROM down JOIN articles_article_regions AS link ON link.region_id = down.id
    {among_articles}
    GROUP BY down.top
)
SELECT {columns}, COALESCE(counts.release_count, 0) AS release_count
FROM articles_region AS region LEFT JOIN counts ON counts.top = region.id
WHERE region.id IN ({regions})
ORDER BY region.name
"""


class Region(NamedPlaceOrBody):
    class Kind(models.TextChoices):
        COUNTRY = "country", "country"
        PROVINCE = "province", "province"
        AUTONOMOUS_REGION = "autonomous_region", "autonomous region"
        MUNICIPALITY = "municipality", "municipality"
        SAR = "sar", "special administrative region"
        PREFECTURE_CITY = "prefecture_city", "prefecture-level city"
        AUTONOMOUS_PREFECTURE = "autonomous_prefecture", "autonomous prefecture"
        COUNTY = "county", "county"
        COUNTY_CITY = "county_city", "county-level city"
        DISTRICT = "district", "district"
        ZONE = "zone", "industrial park or zone"

    PROVINCIAL_KINDS = (Kind.PROVINCE, Kind.AUTONOMOUS_REGION, Kind.MUNICIPALITY, Kind.SAR)
    PREFECTURE_KINDS = (Kind.PREFECTURE_CITY, Kind.AUTONOMOUS_PREFECTURE)
    COUNTY_KINDS = (Kind.COUNTY, Kind.COUNTY_CITY, Kind.DISTRICT)

    url_name = "articles:region_detail"

    name = models.CharField(max_length=200, help_text="English name, e.g. “Haiyan County”.")
    name_zh = models.CharField("Chinese name", max_length=100, blank=True)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    code = models.CharField(
        max_length=12,
        unique=True,
        null=True,
        blank=True,
        help_text="Official administrative division code (GB/T 2260), where one exists.",
    )
    aliases = models.TextField(
        blank=True,
        help_text="Other spellings and short names, one per line (e.g. “Min” for Fujian).",
    )

    history = HistoricalRecords()

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["kind", "name"])]

    @property
    def is_provincial(self):
        return self.kind in self.PROVINCIAL_KINDS

    def ancestors(self):
        """From the top (China) down to this region's parent."""
        by_id = {region.pk: region for region in Region.objects.ancestors_of(self)}
        chain, node = [], self
        while node.parent_id in by_id:
            node = by_id[node.parent_id]
            chain.append(node)
        return chain[::-1]


class Organization(NamedPlaceOrBody):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", "government body"
        SOE = "soe", "state-owned enterprise"
        COMPANY = "company", "company"
        ASSOCIATION = "association", "association or society"
        RESEARCH = "research", "research institute or university"
        EXCHANGE = "exchange", "exchange or trading platform"
        MEDIA = "media", "media"
        OTHER = "other", "other"

    url_name = "articles:organization_detail"

    name = models.CharField(max_length=300)
    name_zh = models.CharField("Chinese name", max_length=200, blank=True)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.SET_NULL, related_name="organizations"
    )
    aliases = models.TextField(blank=True, help_text="Other names and spellings, one per line.")
    website = models.URLField(blank=True, validators=[validate_web_url])
    needs_review = models.BooleanField(
        default=False,
        db_index=True,
        help_text="Created automatically by an import: confirm, rename or merge it.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    @property
    def web_url(self):
        return self.website if is_web_url(self.website) else ""

    def merge_into(self, target, user=None):
        """Fold this organization into `target` and delete it.

        Its articles, names and link decisions move over in one transaction,
        so a half-done merge never leaves articles pointing nowhere.
        """
        if target.pk == self.pk:
            raise ValueError("An organization cannot be merged into itself.")
        links = Article.organizations.through.objects
        with transaction.atomic():
            already = links.filter(organization=target).values("article_id")
            links.filter(organization=self).exclude(article_id__in=already).update(
                organization=target
            )
            links.filter(organization=self).delete()
            decided = LinkDecision.objects.filter(organization=target).values("article_id")
            LinkDecision.objects.filter(organization=self).exclude(article_id__in=decided).update(
                organization=target
            )
            if not target.name_zh:
                target.name_zh = self.name_zh
            names = target.alias_list()
            known = {name.casefold() for name in [target.name, target.name_zh, *names]}
            for name in [self.name, self.name_zh, *self.alias_list()]:
                if name and name.casefold() not in known:
                    names.append(name)
                    known.add(name.casefold())
            target.aliases = "\n".join(names)
            target._history_user = user
            target._change_reason = f"Merged “{self.name}” into it"[:100]
            target.save()
            self.delete()
        return target


class Source(NamedPlaceOrBody):
    """The publisher a release was scraped from (a platform, a government site)."""

    url_name = "articles:source_detail"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    url = models.URLField(blank=True, validators=[validate_web_url])
    aliases = models.TextField(blank=True, help_text="Other names, one per line.")
    region = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sources",
        help_text="The publisher's home region (e.g. a county government's county). "
        "Used to resolve “our province” and bare place names in its releases.",
    )

    class Meta:
        ordering = ["name"]

    @property
    def web_url(self):
        return self.url if is_web_url(self.url) else ""


class Topic(models.Model):
    """A subject readers browse by, assigned from keyword rules at import."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    keywords = models.TextField(
        blank=True,
        help_text="Words and phrases that put a release in this topic, one per line.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:topic_detail", kwargs={"slug": self.slug})

    def keyword_list(self):
        return split_lines(self.keywords)


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What readers see: every imported release (nothing is held back yet)."""
        return self

    def newest_first(self):
        return self.order_by(models.F("published_on").desc(nulls_last=True), "-id")

    def oldest_first(self):
        return self.order_by(models.F("published_on").asc(nulls_last=True), "id")

    def in_region(self, region):
        """Releases linked to the region or to any place below it."""
        links = Article.regions.through.objects.filter(
            region_id__in=RawSQL(DESCENDANT_IDS_SQL, [region.pk])
        )
        return self.filter(pk__in=links.values("article_id"))

    def mentioning(self, organization):
        return self.filter(organizations=organization)

    def from_source(self, source):
        return self.filter(source=source)

    def in_topic(self, topic):
        return self.filter(topics=topic)

    def needing_review(self):
        return self.exclude(translation_status=Article.Status.REVIEWED)

    def with_conflict(self):
        return self.filter(has_conflict=True)

    def by_year(self, year):
        return self.filter(published_on__year=year)

    def for_listing(self):
        return self.select_related("source")

    def for_cards(self):
        """What a release's card in a list shows: its source, places and topics."""
        return self.for_listing().prefetch_related(
            models.Prefetch("regions", queryset=Region.objects.order_by("name")),
            models.Prefetch("topics", queryset=Topic.objects.order_by("name")),
        )

    def with_links(self):
        """Everything a release page, a feed or the API shows of its links,
        in a fixed number of queries: a card's, and its organizations."""
        return self.for_cards().prefetch_related(
            models.Prefetch("organizations", queryset=Organization.objects.order_by("name")),
        )

    def related_to(self, article):
        """Releases sharing a region or an organization with `article`."""
        through_regions = Article.regions.through.objects
        through_orgs = Article.organizations.through.objects
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
        first_sql, first_params = dated.order_by("published_on")[:1].query.sql_with_params()
        last_sql, last_params = dated.order_by("-published_on")[:1].query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT ({first_sql}), ({last_sql})", [*first_params, *last_params])
            first, last = cursor.fetchone()
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
        """[(first day of month, count)] from `since` on, oldest first."""
        from django.db.models.functions import TruncMonth

        return list(
            self.filter(published_on__gte=since)
            .annotate(month=TruncMonth("published_on"))
            .order_by()
            .values_list("month")
            .annotate(count=models.Count("pk"))
            .order_by("month")
        )

    def with_open_flag_count(self):
        """Each article's open quality flags, as one subquery (no per-row queries)."""
        open_flags = (
            QualityFlag.objects.open()
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


class ContentVersion(models.Model):
    """One row whose numbers database triggers bump whenever what public
    pages show changes (see content_version.py)."""

    number = models.BigIntegerField(default=0)
    listing_number = models.BigIntegerField(default=0)

    def __str__(self):
        return f"content version {self.number}"


class StaleVersion(Exception):
    """Someone saved the article after the version this edit started from."""


class Article(models.Model):
    class Precision(models.TextChoices):
        DAY = "day", "day"
        MONTH = "month", "month"
        YEAR = "year", "year"
        UNKNOWN = "unknown", "unknown"

    class Status(models.TextChoices):
        MACHINE = "machine", "machine translation"
        IN_REVIEW = "in_review", "in review"
        REVIEWED = "reviewed", "reviewed"

    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=500, help_text="The title readers see.")
    rubric = models.CharField(
        max_length=200,
        blank=True,
        help_text='The column the page printed before its headline ("National Low Carbon Day" '
        'in "National Low Carbon Day丨…"), kept out of the title.',
    )
    title_guessed = models.BooleanField(
        default=False,
        help_text="The page had no headline: the title is its first sentence. "
        "Write a real one: its quality flag goes once the title is corrected.",
    )
    body = models.TextField(help_text="The text readers see. Separate paragraphs by a blank line.")
    machine_title = models.CharField(
        max_length=500, editable=False, help_text="The machine translation as imported."
    )
    machine_body = models.TextField(editable=False)
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    source_url = models.URLField(
        max_length=1000,
        blank=True,
        validators=[validate_web_url],
        help_text="The original release: an http or https address.",
    )
    published_on = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=10, choices=Precision.choices, default=Precision.UNKNOWN
    )
    date_text = models.CharField(
        max_length=200, blank=True, help_text="The date as the release wrote it."
    )
    retrieved_at = models.DateTimeField(null=True, blank=True)
    original_language = models.CharField(max_length=10, default="zh")
    language = models.CharField(max_length=10, default="en")
    translation_status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.MACHINE
    )
    regions = models.ManyToManyField(Region, blank=True, related_name="articles")
    organizations = models.ManyToManyField(Organization, blank=True, related_name="articles")
    topics = models.ManyToManyField(Topic, blank=True, related_name="articles")
    content_hash = models.CharField(max_length=64, editable=False, db_index=True)
    import_key = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="Identifies an imported release across imports: its source URL, "
        "else its source and normalised title.",
    )

    # Editorial state.
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Bumped on every save; stale forms are refused."
    )
    has_conflict = models.BooleanField(
        default=False,
        help_text="An import brought new machine text after an editor's correction.",
    )
    superseded_machine_title = models.CharField(max_length=500, blank=True, editable=False)
    superseded_machine_body = models.TextField(blank=True, editable=False)
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    last_edited_at = models.DateTimeField(null=True, blank=True, editable=False)
    reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "content_hash"])

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-id"]
        indexes = [
            models.Index(fields=["-published_on", "-id"], name="article_newest_idx"),
            models.Index(fields=["translation_status", "-published_on"], name="article_status_idx"),
            models.Index(fields=["source", "-published_on"], name="article_source_idx"),
            models.Index(fields=["updated_at"], name="article_updated_idx"),
            # The editors' work queue: conflicts, then unreviewed, newest first.
            models.Index(
                fields=["-has_conflict", "translation_status", "-published_on"],
                name="article_worklist_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["import_key"],
                condition=~models.Q(import_key=""),
                name="one_article_per_imported_release",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.machine_title:
            self.machine_title = self.title
        if not self.machine_body:
            self.machine_body = self.body
        self.content_hash = self.compute_content_hash(self.machine_title, self.machine_body)
        if not self.slug:
            self.slug = unique_slug(Article, self.title, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @staticmethod
    def compute_content_hash(title, body):
        return hashlib.sha256(f"{title}\n\n{body}".encode()).hexdigest()

    def paragraphs(self):
        return [part.strip() for part in self.body.split("\n\n") if part.strip()]

    @property
    def web_source_url(self):
        """The original's address when it is one a reader can follow; an
        older import may hold another scheme, which is never shown."""
        return self.source_url if is_web_url(self.source_url) else ""

    def machine_paragraphs(self):
        return [part.strip() for part in self.machine_body.split("\n\n") if part.strip()]

    @property
    def is_edited(self):
        """An editor has touched this article: its text, its status or its record."""
        return (
            self.is_corrected
            or self.translation_status != self.Status.MACHINE
            or self.last_edited_by_id is not None
        )

    @property
    def is_corrected(self):
        """An editor has changed the text readers see."""
        return self.title != self.machine_title or self.body != self.machine_body

    def apply_link_decisions(self, region_ids, organization_ids):
        """Automatically found links, with the editors' decisions applied on top."""
        decisions = self.link_decisions.all()
        region_ids = (set(region_ids) - decisions.region_ids(LinkDecision.Action.REMOVE)) | (
            decisions.region_ids(LinkDecision.Action.ADD)
        )
        organization_ids = (
            set(organization_ids) - decisions.organization_ids(LinkDecision.Action.REMOVE)
        ) | decisions.organization_ids(LinkDecision.Action.ADD)
        return region_ids, organization_ids

    def mark_edited(self, user):
        self.last_edited_by = user
        self.last_edited_at = timezone.now()

    def claim_version(self, expected):
        """Take the next version if nobody saved since `expected`.

        One conditional UPDATE: of two concurrent saves from the same version
        exactly one matches the row, so the other is refused instead of
        silently overwriting. Call it inside the transaction that saves.
        """
        claimed = Article.objects.filter(pk=self.pk, version=expected).update(version=expected + 1)
        if claimed:
            self.version = expected + 1
        return bool(claimed)

    def save_revision(self, user=None, note="", *, expected_version=None):
        """Save an editorial change as a new revision (who, when, note),
        refusing it with StaleVersion if the article changed meanwhile."""
        expected = self.version if expected_version is None else expected_version
        with transaction.atomic():
            if not self.claim_version(expected):
                raise StaleVersion(self.pk)
            if user is not None:
                self.mark_edited(user)
                self._history_user = user
            self._change_reason = note[:100]  # simple-history's column length
            self.save()

    def mark_reviewed(self, user):
        self.translation_status = self.Status.REVIEWED
        self.reviewed_at = timezone.now()
        self.save_revision(user, "Marked reviewed")

    def status_changes(self):
        """Each change of translation status with who made it and when,
        read from the revision history (one query)."""
        changes, previous = [], None
        records = self.history.order_by("history_date", "history_id").select_related("history_user")
        for record in records.only("translation_status", "history_date", "history_user__username"):
            if record.translation_status != previous:
                changes.append(record)
                previous = record.translation_status
        return changes


class LinkDecisionQuerySet(models.QuerySet):
    def region_ids(self, action):
        return set(
            self.filter(action=action, region__isnull=False).values_list("region_id", flat=True)
        )

    def organization_ids(self, action):
        return set(
            self.filter(action=action, organization__isnull=False).values_list(
                "organization_id", flat=True
            )
        )


class LinkDecision(models.Model):
    """An editor's decision to add or remove one region or organization link.

    Automatic linking (at import, or when text changes) recomputes links from
    the text; these decisions are applied on top, so an editor's choice is
    never undone by a machine.
    """

    class Action(models.TextChoices):
        ADD = "add", "added"
        REMOVE = "remove", "removed"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="link_decisions")
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.CASCADE)
    organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.CASCADE)
    action = models.CharField(max_length=6, choices=Action.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    objects = LinkDecisionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(region__isnull=False, organization__isnull=True)
                    | models.Q(region__isnull=True, organization__isnull=False)
                ),
                name="link_decision_names_one_target",
            ),
            models.UniqueConstraint(
                fields=["article", "region"],
                condition=models.Q(region__isnull=False),
                name="one_decision_per_article_region",
            ),
            models.UniqueConstraint(
                fields=["article", "organization"],
                condition=models.Q(organization__isnull=False),
                name="one_decision_per_article_organization",
            ),
        ]

    def __str__(self):
        return f"{self.get_action_display()} {self.region or self.organization}"


class GlossaryTerm(models.Model):
    """A term machine translation keeps getting wrong, and how to write it."""

    preferred = models.CharField(
        "preferred term", max_length=200, unique=True, help_text="How the portal writes it."
    )
    chinese = models.CharField("Chinese term", max_length=100, blank=True)
    wrong_renderings = models.TextField(
        help_text="Known wrong renderings, one per line, e.g. “carbon GSP”. "
        "Matched whole-word and case-insensitively."
    )
    note = models.TextField(blank=True, help_text="Why, and where the term does not apply.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["preferred"]

    def __str__(self):
        return self.preferred

    def rendering_list(self):
        return split_lines(self.wrong_renderings)


class QualityFlagQuerySet(models.QuerySet):
    def open(self):
        return self.filter(dismissed=False)


class QualityFlag(models.Model):
    """A likely machine-translation artefact in an article, for an editor to fix
    or dismiss. Recomputed by articles.quality.refresh_quality_flags."""

    class Kind(models.TextChoices):
        REPEATED_WORD = "repeated_word", "repeated word"
        CHINESE = "chinese", "leftover Chinese text or separator"
        RUN_ON_LABEL = "run_on_label", "label run into its value"
        GARBLED_DATE = "garbled_date", "garbled date"
        GLOSSARY = "glossary", "glossary: wrong rendering"
        GUESSED_TITLE = "guessed_title", "title guessed from the first sentence"

    class Field(models.TextChoices):
        TITLE = "title", "title"
        BODY = "body", "body"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quality_flags")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    field = models.CharField(max_length=10, choices=Field.choices)
    text = models.CharField(max_length=300, help_text="The words that look wrong.")
    excerpt = models.TextField(help_text="The sentence they are in.")
    start = models.PositiveIntegerField(help_text="Offset of the words in the field.")
    end = models.PositiveIntegerField()
    message = models.CharField(max_length=300, blank=True)
    dismissed = models.BooleanField(default=False, db_index=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dismissed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = QualityFlagQuerySet.as_manager()

    class Meta:
        ordering = ["article", "field", "start"]
        indexes = [
            models.Index(fields=["article", "dismissed"], name="flag_article_idx"),
            models.Index(fields=["dismissed", "kind"], name="flag_queue_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text}"

    @property
    def key(self):
        """What identifies a flag across recomputations (offsets move as text is edited)."""
        return (self.kind, self.field, self.text, self.excerpt)

    def dismiss(self, user):
        self.dismissed = True
        self.dismissed_by = user
        self.dismissed_at = timezone.now()
        self.save(update_fields=["dismissed", "dismissed_by", "dismissed_at"])


class ProblemReportQuerySet(models.QuerySet):
    def new(self):
        return self.filter(status=ProblemReport.Status.NEW)


class ProblemReport(models.Model):
    """A reader's report of a translation error, waiting for an editor.

    Nothing a reader sends is ever published: an editor reads the report and
    corrects the release by hand, or rejects it.
    """

    class Status(models.TextChoices):
        NEW = "new", "new"
        ACCEPTED = "accepted", "accepted"
        REJECTED = "rejected", "rejected"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="problem_reports")
    sentence = models.TextField(help_text="The sentence the reader thinks is wrong.")
    suggestion = models.TextField("suggested fix", blank=True)
    email = models.EmailField(
        blank=True, help_text="Given by the reader for questions; never shown publicly."
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    client_hash = models.CharField(
        max_length=64,
        editable=False,
        help_text="A keyed hash of the reader's address: spots repeat senders without storing it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProblemReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Report on “{self.article}”"
