"""Releases: the machine translation as imported, the text readers see, and
the editorial state between them."""

import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from simple_history.models import HistoricalRecords

from articles.editorial.cleaning import is_web_url, paragraphs, validate_web_url

from .facets import PolicyFacet
from .places import Organization, Region, Source, Topic, unique_slug
from .release_queries import ArticleQuerySet

# A card names this many places and says how many more there are.
CARD_PLACES = 4
CARD_SUMMARY_CHARS = 160


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
        # Imported in Chinese only: kept off public pages until it has English.
        AWAITING = "awaiting", "awaiting translation"
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
        help_text="The page the translation was scraped from: an http or https address.",
    )
    original_title = models.CharField(
        max_length=500, blank=True, help_text="The title in the original language."
    )
    original_body = models.TextField(
        blank=True,
        help_text="The text in the original language; paragraphs separated by a blank line.",
    )
    original_url = models.URLField(
        max_length=1000,
        blank=True,
        validators=[validate_web_url],
        help_text="The page of the original release: an http or https address.",
    )
    alignment = models.JSONField(
        default=list,
        blank=True,
        help_text="Which paragraphs of the original each machine paragraph translates: "
        "[[original paragraph numbers], [machine paragraph numbers]] pairs, from 0.",
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
    document_type = models.ForeignKey(
        PolicyFacet,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="typed_articles",
        limit_choices_to={"kind": PolicyFacet.Kind.DOCUMENT_TYPE},
    )
    document_type_confirmed = models.BooleanField(
        default=False,
        editable=False,
        help_text="An editor chose the document type: imports leave it as it is.",
    )
    facets = models.ManyToManyField(
        PolicyFacet,
        blank=True,
        related_name="articles",
        help_text="Policy instruments, sectors and the level of government.",
    )
    issuing_body = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="issued_articles",
        help_text="The organization that issued or hosted it, not one it merely mentions.",
    )
    issuing_body_confirmed = models.BooleanField(
        default=False,
        editable=False,
        help_text="An editor chose the issuing body: imports leave it as it is.",
    )
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
            models.Index(fields=["document_type", "-published_on"], name="article_type_idx"),
            models.Index(fields=["issuing_body", "-published_on"], name="article_issuer_idx"),
            models.Index(fields=["updated_at"], name="article_updated_idx"),
            # An import finds the release a translation or an original belongs to.
            models.Index(fields=["original_url"], name="article_original_url_idx"),
            models.Index(fields=["source", "original_title"], name="article_original_title_idx"),
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
        # A release awaiting translation is known by its original.
        self.content_hash = self.compute_content_hash(
            self.machine_title or self.original_title, self.machine_body or self.original_body
        )
        if not self.slug:
            self.slug = unique_slug(Article, self.title, exclude_pk=self.pk)
        self.published_on = self.start_of_period(self.published_on, self.date_precision)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @classmethod
    def start_of_period(cls, day, precision):
        """How a date of `precision` is stored: a month or a year as its first
        day, which the list's date range filters rely on."""
        if day is None:
            return None
        if precision == cls.Precision.MONTH:
            return day.replace(day=1)
        if precision == cls.Precision.YEAR:
            return day.replace(month=1, day=1)
        return day

    @staticmethod
    def compute_content_hash(title, body):
        return hashlib.sha256(f"{title}\n\n{body}".encode()).hexdigest()

    def paragraphs(self):
        return paragraphs(self.body)

    @property
    def web_source_url(self):
        """The original's address when it is one a reader can follow; an
        older import may hold another scheme, which is never shown."""
        return self.source_url if is_web_url(self.source_url) else ""

    def summary_line(self):
        """The opening of the first paragraph, short enough for one line of a card."""
        opening = self.paragraphs()[:1]
        return Truncator(opening[0]).chars(CARD_SUMMARY_CHARS) if opening else ""

    def card_places(self):
        """The places a card names (the broadest first, as prefetched) and how
        many more it links to without naming: never a silent cut."""
        places = list(self.regions.all())
        return places[:CARD_PLACES], max(len(places) - CARD_PLACES, 0)

    def machine_paragraphs(self):
        return paragraphs(self.machine_body)

    def original_paragraphs(self):
        return paragraphs(self.original_body)

    @property
    def web_original_url(self):
        return self.original_url if is_web_url(self.original_url) else ""

    @property
    def reading_link(self):
        """(address, site) of the page this release came from, the original's
        first, for "Read it on …"; None when neither is known."""
        url = self.web_original_url or self.web_source_url
        return (url, urlsplit(url).hostname or url) if url else None

    def aligned_paragraphs(self):
        """[(original paragraphs, machine paragraphs)] as the import paired
        them; without a pairing, paragraph by paragraph."""
        original, machine = self.original_paragraphs(), self.machine_paragraphs()
        pairs = self.alignment or [[[k], [k]] for k in range(max(len(original), len(machine)))]
        rows = []
        for original_numbers, machine_numbers in pairs:
            rows.append(
                (
                    "\n\n".join(original[k] for k in original_numbers if k < len(original)),
                    "\n\n".join(machine[k] for k in machine_numbers if k < len(machine)),
                )
            )
        return rows

    @property
    def is_edited(self):
        """An editor has touched this article: its text, its status or its record."""
        return (
            self.is_corrected
            or self.translation_status not in (self.Status.MACHINE, self.Status.AWAITING)
            or self.last_edited_by_id is not None
        )

    @property
    def awaits_translation(self):
        return self.translation_status == self.Status.AWAITING

    @property
    def is_corrected(self):
        """An editor has changed the text readers see."""
        return self.title != self.machine_title or self.body != self.machine_body

    def facets_of_kind(self, kind):
        """Its facets of one kind, from the prefetched facets."""
        return [facet for facet in self.facets.all() if facet.kind == kind]

    @property
    def instruments(self):
        return self.facets_of_kind(PolicyFacet.Kind.INSTRUMENT)

    @property
    def sectors(self):
        return self.facets_of_kind(PolicyFacet.Kind.SECTOR)

    @property
    def levels(self):
        return self.facets_of_kind(PolicyFacet.Kind.LEVEL)

    def apply_link_decisions(self, region_ids, organization_ids):
        """Automatically found links, with the editors' decisions applied on top."""
        decided = self.decided_links(region=region_ids, organization=organization_ids)
        return decided["region"], decided["organization"]

    def decided_links(self, **found):
        """`found` ({"topic": ids, "facet": ids…}: what the machine found),
        with the editors' additions and removals applied on top. One query."""
        decisions = list(self.link_decisions.all())
        decided = {}
        for target, ids in found.items():
            ids = set(ids)
            for decision in decisions:
                key = getattr(decision, f"{target}_id")
                if key is None:
                    continue
                if decision.action == decision.Action.ADD:
                    ids.add(key)
                else:
                    ids.discard(key)
            decided[target] = ids
        return decided

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

    def start_review(self):
        """A machine translation whose text an editor changes is in review;
        so is a release awaiting translation once an editor has written its
        English title and body (then readers see it)."""
        translated = self.awaits_translation and self.title.strip() and self.body.strip()
        if self.translation_status == self.Status.MACHINE or translated:
            self.translation_status = self.Status.IN_REVIEW

    def set_reviewed(self):
        """Review ends now (saved with the rest of the change)."""
        self.translation_status = self.Status.REVIEWED
        self.reviewed_at = timezone.now()

    def mark_reviewed(self, user):
        self.set_reviewed()
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
