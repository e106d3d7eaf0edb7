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

from django.db import transaction

from articles.models import Article, Organization, Source

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
    topic_ids: set = field(default_factory=set)


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


def decide(existing, content_hash):
    if existing is None:
        return CREATED
    if existing.content_hash == content_hash:
        return UNCHANGED
    return CONFLICT if existing.is_edited else UPDATED


def save_release(prepared, gazetteer, created_organizations):
    """Write one release in its own transaction. Returns (status, article).

    Organizations created for review are recorded in `created_organizations`
    (name -> id) and added to the gazetteer only once the transaction commits.
    """
    with transaction.atomic():
        source_id = prepared.source_id
        if prepared.new_source:
            source, _ = Source.objects.get_or_create(name=prepared.new_source[:200])
            source_id = source.pk
        organization_ids = set(prepared.organization_ids)
        new = {}
        for name in prepared.new_organizations:
            existing_id = created_organizations.get(name.lower())
            if existing_id is None:
                organization = Organization.objects.create(
                    name=name[:300], kind=guess_organization_kind(name), needs_review=True
                )
                existing_id = new[name.lower()] = organization.pk
            organization_ids.add(existing_id)
        key = import_key(source_id, prepared.source_url, prepared.title)
        article = find_existing(key, lock=True)
        content_hash = Article.compute_content_hash(prepared.title, prepared.body)
        status = decide(article, content_hash)
        if status == CREATED:
            article = Article(import_key=key, title=prepared.title, body=prepared.body)
            _copy_machine_fields(article, prepared, source_id)
            article.save()
            _add_links(article, prepared.region_ids, organization_ids, prepared.topic_ids)
        elif status == UPDATED:
            article.title, article.body = prepared.title, prepared.body
            _copy_machine_fields(article, prepared, source_id)
            article.version += 1  # the row is locked: no one else can bump it now
            article.save()
            region_ids, organization_ids = article.apply_link_decisions(
                prepared.region_ids, organization_ids
            )
            article.regions.set(region_ids)
            article.organizations.set(organization_ids)
            article.topics.set(prepared.topic_ids)
        elif status == CONFLICT:
            if not article.has_conflict:
                # Keep the machine text the editor corrected, for comparison.
                article.superseded_machine_title = article.machine_title
                article.superseded_machine_body = article.machine_body
            article.machine_title, article.machine_body = prepared.title, prepared.body
            article.has_conflict = True
            article.version += 1  # the row is locked: no one else can bump it now
            article.save()
    for name, pk in new.items():
        created_organizations[name] = pk
        gazetteer.add_organization(pk, name)
    return status, article


def _copy_machine_fields(article, prepared, source_id):
    article.machine_title = prepared.title
    article.machine_body = prepared.body
    article.source_id = source_id
    article.source_url = prepared.source_url
    article.published_on = prepared.date.value
    article.date_precision = prepared.date.precision
    article.date_text = prepared.date.text[:200]
    article.retrieved_at = prepared.retrieved_at
    article.language = prepared.language
    article.original_language = prepared.original_language
    article.has_conflict = False


def _add_links(article, region_ids, organization_ids, topic_ids):
    """Links of a new article: three inserts, no reads."""
    for relation, ids, column in (
        (Article.regions, region_ids, "region_id"),
        (Article.organizations, organization_ids, "organization_id"),
        (Article.topics, topic_ids, "topic_id"),
    ):
        if ids:
            through = relation.through
            through.objects.bulk_create(
                [through(article_id=article.pk, **{column: pk}) for pk in sorted(ids)]
            )
