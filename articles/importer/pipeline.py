"""The importer's pipeline: each raw record read, prepared (parsed, checked,
linked) and saved, its result reported."""

import re
import time
from dataclasses import dataclass

from articles.models import Article, Organization, Region, Source

from .alignment import align_paragraphs
from .dates import UNKNOWN, ParsedDate, looks_relative, parse_date, parse_moment
from .facets import FacetRules, classify
from .fields import check_fields, clean_text_fields
from .html import page_text
from .language import chinese_share
from .linking import Gazetteer, Links
from .paragraphs import without_datelines
from .parsing import normalise_body, normalise_title, parse_text
from .reading import read_all
from .report import ERROR, ImportReport, RecordResult
from .saving import Prepared, SaveState, decide, find_existing, import_key, save_release
from .topics import TopicRules

__all__ = ["import_releases", "ImportReport", "RecordError", "resolve_source"]


# JSON may escape half of a UTF-16 pair ("\\ud800"); Python decodes it to a
# character that no database or file encoding can store.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class RecordError(ValueError):
    """A release that cannot be imported, with the reason for the operator."""


def resolve_source(name):
    """The Source named `name` (name or alias, any case), or None."""
    if not name:
        return None
    gazetteer = Gazetteer()
    for pk, source_name, aliases, region_id in Source.objects.values_list(
        "pk", "name", "aliases", "region_id"
    ):
        gazetteer.add_source(pk, source_name, aliases, region_id)
    pk = gazetteer.find_source(name)
    return Source.objects.get(pk=pk) if pk else None


def import_releases(
    paths,
    *,
    source=None,
    retrieved_at=None,
    dry_run=False,
    progress=None,
    on_result=None,
):
    """Import every release under `paths`; returns an ImportReport.

    `source` (a Source) is the publisher of files that do not name one;
    `retrieved_at` (an aware datetime) overrides the files' modification times;
    `progress(done)` and `on_result(result)` are called as records finish.
    """
    started = time.perf_counter()
    importer = Importer(source=source, retrieved_at=retrieved_at, dry_run=dry_run)
    report = ImportReport(dry_run=dry_run)
    for done, raw in enumerate(read_all(paths, retrieved_at), start=1):
        result = importer.import_record(raw)
        report.results.append(result)
        if raw.file_time and looks_relative(result.date_text or ""):
            report.file_times_used += 1
        if on_result:
            on_result(result)
        if progress:
            progress(done)
    report.seconds = time.perf_counter() - started
    return report


class Importer:
    def __init__(self, *, source=None, retrieved_at=None, dry_run=False, gazetteer=None):
        self.default_source = source
        self.retrieved_at = retrieved_at
        self.dry_run = dry_run
        self.gazetteer = gazetteer or Gazetteer.load()
        self._publisher_lines = set()
        self.topics = TopicRules.load()
        self.facets = FacetRules.load()
        self.state = SaveState.load(self.gazetteer)

    def import_record(self, raw):
        result = RecordResult(input=raw.input, status=ERROR, error=raw.error)
        if raw.error:
            return result
        try:
            prepared, warnings = self.prepare(raw)
        except RecordError as error:
            result.error = str(error)
            return result
        except Exception as error:  # a parser bug must not stop the batch either
            result.error = f"could not be parsed: {type(error).__name__}: {error}"
            return result
        result.warnings = warnings
        result.title = prepared.title or prepared.original_title
        result.date_text = prepared.date.text
        result.published_on = prepared.date.value.isoformat() if prepared.date.value else None
        result.date_precision = prepared.date.precision
        result.source = (
            prepared.new_source or self.gazetteer.sources[prepared.source_id][0]
            if prepared.source_id or prepared.new_source
            else None
        )
        if self.dry_run:
            return self._dry_run(prepared, result)
        try:
            status, article, links = save_release(prepared, self.state)
        except Exception as error:  # one bad record must never stop the batch
            result.error = f"not saved: {type(error).__name__}: {error}"
            return result
        result.status = status
        result.url = article.get_absolute_url()
        if links is not None and self._knows(*links):
            # The links just written; the gazetteer knows their names.
            region_ids, organization_ids = links
            result.regions = sorted(self.gazetteer.places[pk].name for pk in region_ids)
            result.organizations = sorted(
                self.gazetteer.organizations[pk][0] for pk in organization_ids
            )
        else:
            result.regions, result.organizations = link_names(article)
        return result

    def _knows(self, region_ids, organization_ids):
        return all(pk in self.gazetteer.places for pk in region_ids) and all(
            pk in self.gazetteer.organizations for pk in organization_ids
        )

    def prepare(self, raw):
        warnings = []
        retrieved_at = raw.retrieved_at
        original = Original()
        if raw.data is not None:
            fields = self._json_fields(raw.data, warnings)
            retrieved_at = fields.pop("retrieved_at") or retrieved_at
            title, body, publisher = fields["title"], fields["body"], fields["source"]
            date = _date_field(fields["published"], retrieved_at, warnings)
            original = Original(
                fields["original_title"] or "",
                normalise_body(fields["original_body"] or ""),
                fields["original_url"] or "",
            )
            parsed = None
            if fields["html"] and not body:
                parsed = self._read_page(page_text(fields["html"], url=fields["source_url"]), raw)
                warnings.extend(parsed.warnings)
                title = title or parsed.title
                body = parsed.body
                if not fields["published"]:
                    date, warnings[:] = parsed.date, [w for w in warnings if "no date" not in w]
            if is_chinese(f"{title}\n{body}"):
                original = Original(original.title or title, original.body or body, original.url)
                title = body = ""
        else:
            text = raw.text if raw.html is None else page_text(raw.html)
            parsed = self._read_page(text, raw)
            warnings.extend(parsed.warnings)
            title, body, publisher, date = parsed.title, parsed.body, parsed.publisher, parsed.date
            if is_chinese(text):
                original, title, body = Original(parsed.title, parsed.body), "", ""
                publisher = None
            elif raw.original_text:
                chinese = self._read_page(raw.original_text, raw)
                original = Original(chinese.title, chinese.body)
            fields = {}
        known_publisher = publisher is not None
        awaiting = not title and not body and bool(original.title and original.body)
        if awaiting:
            warnings.append("in Chinese only: imported as awaiting translation")
            # A page in Chinese is the original: its address is the original's.
            original.url = original.url or fields.get("source_url") or ""
        elif not title:
            raise RecordError("no title")
        elif not body:
            raise RecordError("no body (nothing after the title and date)")
        prepared = Prepared(
            title=title,
            body=body,
            date=date,
            retrieved_at=retrieved_at,
            source_url=fields.get("source_url") or "",
            language=fields.get("language") or "en",
            original_language=fields.get("original_language") or "zh",
            rubric=parsed.rubric if parsed and not awaiting else "",
            title_guessed=parsed.title_guessed if parsed and title == parsed.title else False,
            original_title=original.title[:500],
            original_body=original.body,
            original_url=original.url,
            awaiting=awaiting,
            alignment=align_paragraphs(original.body, body) if original.body and body else [],
        )
        if known_publisher:
            prepared.source_id = self.gazetteer.find_source(publisher)
            if prepared.source_id is None:
                prepared.new_source = publisher
                warnings.append(f"new source {publisher!r} created")
        elif self.default_source is not None:
            prepared.source_id = self.default_source.pk
            if prepared.source_id not in self.gazetteer.sources:
                source = self.default_source
                self.gazetteer.add_source(source.pk, source.name, source.aliases, source.region_id)
        if awaiting:
            # Linked through the Chinese names of places and organizations.
            regions, organizations = self.gazetteer.chinese.find(
                f"{original.title}\n{original.body}"
            )
            prepared.region_ids, prepared.organization_ids = regions, organizations
            prepared.facet_ids, prepared.document_type_id, prepared.issuer = classify(
                self.facets,
                self.gazetteer,
                original.title,
                original.body,
                Links(region_ids=regions, organization_ids=organizations),
                prepared.source_id,
            )
            return prepared, warnings
        links = self.gazetteer.link(
            f"{title}\n\n{without_datelines(body)}", source_id=prepared.source_id
        )
        warnings.extend(links.warnings)
        prepared.region_ids = links.region_ids
        prepared.organization_ids = links.organization_ids
        prepared.new_organizations = links.new_organizations
        prepared.new_organization_regions = links.new_organization_regions
        headline = f"{prepared.rubric}\n{title}"
        prepared.topic_ids = self.topics.primary_topic_ids(headline, body)
        prepared.facet_ids, prepared.document_type_id, prepared.issuer = classify(
            self.facets, self.gazetteer, title, body, links, prepared.source_id
        )
        return prepared, warnings

    def _read_page(self, text, raw):
        return parse_text(text, retrieved_at=raw.retrieved_at, is_publisher=self._is_publisher)

    def _is_publisher(self, line):
        # Publisher lines repeat across a batch; long lines are never asked.
        # Only known ones are remembered: a source created during the batch is
        # found on its next page.
        if line in self._publisher_lines:
            return True
        known = self.gazetteer.find_source(line) is not None
        if known:
            self._publisher_lines.add(line)
        return known

    def _json_fields(self, data, warnings):
        _refuse_lone_surrogates(data)
        fields = {}
        for name in (
            "title",
            "body",
            "source",
            "source_url",
            "published",
            "retrieved_at",
            "html",
            "original_title",
            "original_body",
            "original_url",
        ):
            value = data.get(name)
            if value is not None and not isinstance(value, str):
                raise RecordError(f"{name!r} must be text, not {type(value).__name__}")
            fields[name] = value.replace("\x00", "").strip() if value else None
        for name in ("language", "original_language"):
            value = data.get(name)
            if value is not None and (not isinstance(value, str) or len(value) > 10):
                raise RecordError(f"{name!r} must be a language code such as 'en'")
            fields[name] = value
        clean_text_fields(
            fields,
            ("source", "source_url", "published", "retrieved_at", "original_title", "original_url"),
        )
        fields["body"] = normalise_body(fields["body"] or "")
        if fields["source_url"] and len(fields["source_url"]) > 1000:
            raise RecordError("source_url is longer than 1000 characters")
        check_fields(fields, normalise_title(fields["title"] or ""), warnings)
        if fields["retrieved_at"]:
            when = parse_moment(fields["retrieved_at"])
            if when is None:
                warnings.append(f"retrieved_at {fields['retrieved_at']!r} is not a date and time")
            fields["retrieved_at"] = when
        return fields

    def _dry_run(self, prepared, result):
        key = import_key(prepared.source_id, prepared.source_url, prepared.title)
        known_keys = self.state.known_keys
        if prepared.new_source or (known_keys is not None and key not in known_keys):
            existing = None  # the import began without it: no query needed
        else:
            existing = find_existing(key)
        result.status = decide(
            existing, Article.compute_content_hash(prepared.title, prepared.body)
        )
        if existing is not None:
            result.url = existing.get_absolute_url()
        result.regions = sorted(self.gazetteer.places[pk].name for pk in prepared.region_ids)
        result.organizations = sorted(
            [self.gazetteer.organizations[pk][0] for pk in prepared.organization_ids]
            + prepared.new_organizations
        )
        return result


def _refuse_lone_surrogates(data):
    for name, value in data.items():
        found = _LONE_SURROGATE.search(value) if isinstance(value, str) else None
        if found:
            raise RecordError(
                f"{name[:40]!a} holds an invalid character, a lone UTF-16 surrogate "
                f"({found.group()!a}) that is not text: fix the scraper's output"
            )


def is_chinese(text):
    """Mostly Chinese: a release awaiting its translation, not an English one."""
    return chinese_share(text) > 0.5


@dataclass
class Original:
    """A release in its original language, as far as the record gives it."""

    title: str = ""
    body: str = ""
    url: str = ""


def link_names(article):
    regions = Region.objects.filter(articles=article).values_list("name", flat=True)
    organizations = Organization.objects.filter(articles=article).values_list("name", flat=True)
    return sorted(regions), sorted(organizations)


def _date_field(value, retrieved_at, warnings):
    if not value:
        warnings.append("no date; left undated")
        return ParsedDate(None, UNKNOWN, "")
    parsed = parse_date(value, retrieved_at)
    if not parsed.known:
        warnings.append(f"unknown date shape {value!r}; left undated")
    return parsed
