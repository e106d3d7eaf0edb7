"""Writing one prepared release, without ever losing an editor's work.

A release is identified by its source URL, else by its source and normalised
title (`import_key`). Same machine text: unchanged. New machine text for an
article nobody edited: updated. New machine text for an edited article: the
editor's title, body and links stay, the new machine text is stored beside
them and the article is flagged for review (conflict).
"""

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.db.imports import copy_to_history, insert_links
from articles.editorial.quality import refresh_quality_flags
from articles.models import Article, GlossaryTerm, Organization, Source, free_slug

from .dates import ParsedDate
from .report import CONFLICT, CREATED, UNCHANGED, UPDATED

_NOT_WORD = re.compile(r"[\W_]+")


def normalised_title(title):
    return " ".join(_NOT_WORD.sub(" ", title.casefold()).split())


def import_key(source_id, source_url, title):
    if source_url:
        identity = "url:" + source_url.strip().rstrip("/")
    else:
        identity = f"title:{source_id or ''}:{normalised_title(title)}"
    return hashlib.sha256(identity.encode()).hexdigest()


@dataclass
class Prepared:
    """A release ready to save: parsed, dated, its source and links resolved."""

    title: str
    body: str
    date: ParsedDate
    source_id: int | None = None
    new_source: str | None = None  # a publisher seen for the first time
    source_url: str = ""
    retrieved_at: datetime | None = None
    language: str = "en"
    original_language: str = "zh"
    region_ids: set = field(default_factory=set)
    organization_ids: set = field(default_factory=set)
    new_organizations: list = field(default_factory=list)
    new_organization_regions: dict = field(default_factory=dict)  # name -> region id
    topic_ids: set = field(default_factory=set)
    facet_ids: set = field(default_factory=set)
    document_type_id: int | None = None
    issuer: int | str | None = None  # an organization's id, or the name of a new one
    rubric: str = ""
    title_guessed: bool = False
    original_title: str = ""
    original_body: str = ""
    original_url: str = ""
    alignment: list = field(default_factory=list)
    awaiting: bool = False  # only the original: no English yet

    @property
    def identity_title(self):
        return self.title or self.original_title

    @property
    def content_hash(self):
        return Article.compute_content_hash(
            self.title or self.original_title, self.body or self.original_body
        )


_ORG_KINDS = [
    (re.compile(r"\b(?:Co\.?,?\s*Ltd\.?|Company|Corporation|Group)$", re.I), "company"),
    (
        re.compile(r"\b(?:Society|Association|Foundation|Federation)(?: of .*)?$", re.I),
        "association",
    ),
    (re.compile(r"\b(?:Institute|University|Academy)(?: of .*)?$", re.I), "research"),
    (re.compile(r"\bExchange(?: Cent(?:er|re))?$", re.I), "exchange"),
    (
        re.compile(r"\b(?:Department|Bureau|Ministry|Administration|Office|Commission)\b", re.I),
        "government",
    ),
]


def guess_organization_kind(name):
    for pattern, kind in _ORG_KINDS:
        if pattern.search(name):
            return kind
    return Organization.Kind.OTHER


def find_existing(key, *, lock=False):
    queryset = Article.objects.filter(import_key=key)
    if lock:
        queryset = queryset.select_for_update()
    return queryset.first()


def find_by_original(prepared, source_id, *, lock=False):
    """The release this record translates (or whose original it brings):
    the same original page, else the same source and original title."""
    if prepared.original_url:
        queryset = Article.objects.filter(original_url=prepared.original_url)
    elif prepared.original_title:
        queryset = Article.objects.filter(
            source_id=source_id, original_title=prepared.original_title
        )
    else:
        return None
    if lock:
        queryset = queryset.select_for_update()
    return queryset.order_by("pk").first()


def decide(existing, content_hash):
    if existing is None:
        return CREATED
    if existing.content_hash == content_hash:
        return UNCHANGED
    return CONFLICT if existing.is_edited else UPDATED


@dataclass
class SaveState:
    """What one import remembers between records, to spare queries.

    `known_keys` and `taken_slugs` are the import keys and slugs present when
    the import started, plus those it has written. Should another import
    write the same release or slug meanwhile, the unique constraints refuse
    the insert and the release is saved again the careful way.
    """

    gazetteer: object
    known_keys: set | None = None
    taken_slugs: set | None = None
    created_organizations: dict = field(default_factory=dict)  # lowercased name -> id
    # The glossary, loaded once, for the quality flags of every saved release.
    glossary_terms: list | None = None

    @classmethod
    def load(cls, gazetteer):
        keys, slugs = set(), set()
        for key, slug in Article.objects.values_list("import_key", "slug"):
            keys.add(key)
            slugs.add(slug)
        return cls(gazetteer, keys, slugs, glossary_terms=list(GlossaryTerm.objects.all()))

    def slug_for(self, title):
        if self.taken_slugs is None:
            return ""  # Article.save finds one with queries
        return free_slug(title, self.taken_slugs.__contains__, fallback="article")

    def careful(self):
        return SaveState(
            self.gazetteer,
            None,
            None,
            self.created_organizations,
            self.glossary_terms,
        )


def save_release(prepared, state):
    """Write one release in its own transaction.

    Returns (status, article, links): `links` is (region ids, organization
    ids) as written for a created or updated article, None otherwise.
    Organizations created for review, and a new publisher, join the gazetteer
    once the transaction has committed.
    """
    if state.known_keys is None:
        return _save(prepared, state)
    try:
        return _save(prepared, state)
    except IntegrityError:
        return _save(prepared, state.careful())


def _save(prepared, state):
    gazetteer, created_organizations, known_keys = (
        state.gazetteer,
        state.created_organizations,
        state.known_keys,
    )
    new_source = None
    with transaction.atomic():
        source_id = prepared.source_id
        if prepared.new_source:
            new_source, _ = Source.objects.get_or_create(name=prepared.new_source[:200])
            source_id = new_source.pk
        organization_ids = set(prepared.organization_ids)
        new, named = {}, {}
        for name in prepared.new_organizations:
            existing_id = created_organizations.get(name.lower())
            if existing_id is None:
                organization = Organization.objects.create(
                    name=name[:300],
                    kind=guess_organization_kind(name),
                    region_id=prepared.new_organization_regions.get(name),
                    needs_review=True,
                )
                existing_id = new[name.lower()] = organization.pk
            organization_ids.add(existing_id)
            named[name.lower()] = existing_id
        key = import_key(source_id, prepared.source_url, prepared.identity_title)
        if known_keys is not None and key not in known_keys:
            article = None
        else:
            article = find_existing(key, lock=True)
        if article is None and (prepared.original_url or prepared.original_title):
            article = find_by_original(prepared, source_id, lock=True)
        links = None
        original_only = article is not None and prepared.awaiting and not article.awaits_translation
        if original_only:
            status = _take_original_only(article, prepared)
        else:
            status = decide(article, prepared.content_hash)
        if status == CREATED:
            article = Article(
                import_key=key,
                title=prepared.title,
                body=prepared.body,
                slug=state.slug_for(prepared.identity_title),
            )
            _copy_machine_fields(article, prepared, source_id)
            article.issuing_body_id = _issuer_id(prepared.issuer, organization_ids, named)
            article.document_type_id = prepared.document_type_id
            _save_with_history(article, update=False)
            _add_links(
                article,
                prepared.region_ids,
                organization_ids,
                prepared.topic_ids,
                prepared.facet_ids,
            )
            links = (prepared.region_ids, organization_ids)
        elif status == UPDATED and not original_only:
            # New machine text, or the English a release awaited.
            article.import_key = key
            article.title, article.body = prepared.title, prepared.body
            _copy_machine_fields(article, prepared, source_id)
            article.version += 1  # the row is locked: no one else can bump it now
            if not article.issuing_body_confirmed:
                article.issuing_body_id = _issuer_id(prepared.issuer, organization_ids, named)
            if not article.document_type_confirmed:
                article.document_type_id = prepared.document_type_id
            _save_with_history(article, update=True)
            decided = article.decided_links(
                region=prepared.region_ids,
                organization=organization_ids,
                topic=prepared.topic_ids,
                facet=prepared.facet_ids,
            )
            article.regions.set(decided["region"])
            article.organizations.set(decided["organization"])
            article.topics.set(decided["topic"])
            article.facets.set(decided["facet"])
            links = (decided["region"], decided["organization"])
        elif status == CONFLICT:
            if not article.has_conflict:
                # Keep the machine text the editor corrected, for comparison.
                article.superseded_machine_title = article.machine_title
                article.superseded_machine_body = article.machine_body
            article.machine_title, article.machine_body = prepared.title, prepared.body
            _copy_original_fields(article, prepared)
            article.has_conflict = True
            article.version += 1
            _save_with_history(article, update=True)
        if status in (CREATED, UPDATED) and not prepared.awaiting:
            # The text readers see is new: flag its translation artefacts.
            refresh_quality_flags(
                article, terms=state.glossary_terms, new_article=status == CREATED
            )
    if known_keys is not None:
        known_keys.add(key)
    if state.taken_slugs is not None and article is not None:
        state.taken_slugs.add(article.slug)
    for name, pk in new.items():
        created_organizations[name] = pk
        gazetteer.add_organization(pk, name)
    if new_source is not None:
        # Later releases from this publisher find it without a query.
        gazetteer.add_source(
            new_source.pk, new_source.name, new_source.aliases, new_source.region_id
        )
    return status, article, links


def _take_original_only(article, prepared):
    """The original alone, for a release that has its English already: the
    English and its links stay; only a new original is taken."""
    if article.original_body == prepared.original_body:
        return UNCHANGED
    _copy_original_fields(article, prepared)
    article.version += 1
    _save_with_history(article, update=True)
    return UPDATED


def _save_with_history(article, *, update):
    article.skip_history_when_saving = True
    try:
        article.save()
    finally:
        del article.skip_history_when_saving
    copy_to_history(article.pk, when=timezone.now(), update=update)


def _copy_machine_fields(article, prepared, source_id):
    article.machine_title = prepared.title
    article.machine_body = prepared.body
    article.source_id = source_id
    article.source_url = prepared.source_url
    article.published_on = prepared.date.value
    article.date_precision = prepared.date.precision
    article.date_text = prepared.date.text[:200]
    article.rubric = prepared.rubric[:200]
    article.title_guessed = prepared.title_guessed
    article.retrieved_at = prepared.retrieved_at
    article.language = prepared.language
    article.original_language = prepared.original_language
    article.has_conflict = False
    _copy_original_fields(article, prepared)
    if prepared.awaiting:
        article.translation_status = Article.Status.AWAITING
    elif article.awaits_translation:
        article.translation_status = Article.Status.MACHINE


def _copy_original_fields(article, prepared):
    """The original as the record gives it; a record without one keeps what
    the release has."""
    if prepared.original_body:
        article.original_title = prepared.original_title
        article.original_body = prepared.original_body
        article.alignment = prepared.alignment
    if prepared.original_url:
        article.original_url = prepared.original_url


def _issuer_id(issuer, organization_ids, created):
    """The issuing body's id: a known organization still linked, or one this
    record created (by name)."""
    if isinstance(issuer, str):
        return created.get(issuer.lower())
    return issuer if issuer in organization_ids else None


def _add_links(article, region_ids, organization_ids, topic_ids, facet_ids):
    """Links of a new article: one insert per kind of link, no reads."""
    insert_links(
        article.pk,
        [
            (Article.regions, region_ids),
            (Article.organizations, organization_ids),
            (Article.topics, topic_ids),
            (Article.facets, facet_ids),
        ],
    )
