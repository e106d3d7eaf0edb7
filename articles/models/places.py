"""The gazetteer: places, organizations and publishers, each with a page of
its own, and the topics releases are filed under."""

from django.apps import apps
from django.db import models, transaction
from django.urls import reverse
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from articles.db import regions as region_sql
from articles.editorial.cleaning import is_web_url, validate_web_url


def split_lines(text):
    """The non-blank lines of a one-per-line text field, stripped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def free_slug(text, is_taken, *, max_length=80, fallback="item"):
    """A slug made from `text` that `is_taken(slug)` says is free: "-2",
    "-3"… are added as needed, within `max_length`."""
    base = slugify(text)[:max_length].strip("-") or fallback
    slug, n = base, 2
    while is_taken(slug):
        suffix = f"-{n}"
        slug = base[: max_length - len(suffix)] + suffix
        n += 1
    return slug


def unique_slug(model, text, *, max_length=80, exclude_pk=None):
    """A slug for `text` that no other row of `model` has (one query a try)."""
    others = model._default_manager.all()
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    return free_slug(
        text,
        lambda slug: others.filter(slug=slug).exists(),
        max_length=max_length,
        fallback=model._meta.model_name,
    )


class GazetteerEntry(models.Model):
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
        queryset = self.filter(pk__in=region_sql.descendant_ids(region.pk))
        if not include_self:
            queryset = queryset.exclude(pk=region.pk)
        return queryset

    def ancestors_of(self, region, include_self=False):
        """The regions above this one, up to the country."""
        queryset = self.filter(pk__in=region_sql.ancestor_ids(region.pk))
        if not include_self:
            queryset = queryset.exclude(pk=region.pk)
        return queryset

    def provinces(self):
        return self.filter(kind__in=Region.PROVINCIAL_KINDS)

    def broadest_first(self):
        """The country, then provinces, prefectures, counties and zones, each
        by name: what a release's card names first when it has many places."""
        breadth = models.Case(
            models.When(kind=Region.Kind.COUNTRY, then=0),
            models.When(kind__in=Region.PROVINCIAL_KINDS, then=1),
            models.When(kind__in=Region.PREFECTURE_KINDS, then=2),
            models.When(kind__in=Region.COUNTY_KINDS, then=3),
            default=4,
        )
        return self.order_by(breadth, "name")


class Region(GazetteerEntry):
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

    def ancestors(self):
        """From the top (China) down to this region's parent."""
        by_id = {region.pk: region for region in Region.objects.ancestors_of(self)}
        chain, node = [], self
        while node.parent_id in by_id:
            node = by_id[node.parent_id]
            chain.append(node)
        return chain[::-1]


class Organization(GazetteerEntry):
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
        # By name: releases and link decisions are built on this module.
        links = apps.get_model("articles", "Article").organizations.through.objects
        LinkDecision = apps.get_model("articles", "LinkDecision")
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
            self.issued_articles.update(issuing_body=target)
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


class Source(GazetteerEntry):
    """The publisher a release was scraped from (a platform, a government site)."""

    url_name = "articles:source_detail"

    name = models.CharField(max_length=200, unique=True)
    name_zh = models.CharField("Chinese name", max_length=200, blank=True)
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
    name_zh = models.CharField("Chinese name", max_length=100, blank=True)
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
