"""The policy facets an analyst filters by besides topics: what kind of
document a release is, the policy instruments and sectors it is about, and
the level of government it comes from."""

from django.db import models
from django.urls import reverse

from .places import split_lines


class PolicyFacetQuerySet(models.QuerySet):
    def of_kind(self, kind):
        return self.filter(kind=kind)


class PolicyFacet(models.Model):
    """One value of a facet ("Notice", "CCER and offsets", "Steel", "County"),
    assigned at import from its keyword rules and corrected by editors."""

    class Kind(models.TextChoices):
        DOCUMENT_TYPE = "document_type", "document type"
        INSTRUMENT = "instrument", "policy instrument"
        SECTOR = "sector", "sector"
        LEVEL = "level", "jurisdiction level"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=100)
    name_zh = models.CharField("Chinese name", max_length=100, blank=True)
    # One slug across kinds: a facet's page and the fixtures find it by slug alone.
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    keywords = models.TextField(
        blank=True,
        help_text="Words and phrases that give a release this value, one per line. "
        "Jurisdiction levels have none: they follow the issuing body and the places.",
    )
    title_keywords = models.TextField(
        blank=True,
        help_text="Words and phrases that decide a document type when the headline "
        "holds them (“Notice on”, “Implementation Plan”), one per line.",
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order in lists; for document types, the tie-break (lower wins)."
    )

    objects = PolicyFacetQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="policy_facet_name_per_kind"),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"

    def get_absolute_url(self):
        return reverse("articles:list") + f"?{self.kind}={self.slug}"

    def keyword_list(self):
        return split_lines(self.keywords)

    def title_keyword_list(self):
        return split_lines(self.title_keywords)
