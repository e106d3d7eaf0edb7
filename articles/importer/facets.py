"""Policy facets from rules editors keep in the admin: one document type,
the instruments and sectors a release is about, and the level of
government it comes from."""

import re
from dataclasses import dataclass

from articles.models import PolicyFacet, Region

from .keywords import KeywordRules

Kind = PolicyFacet.Kind

# A headline naming a document type decides it; without one, the default.
DEFAULT_DOCUMENT_TYPE = "news-report"
# Instruments and sectors: a headline's keyword counts as three in the text,
# and a release is about one when it scores this much (a headline mention,
# or three in the text): a passing mention does not make it so.
TITLE_WEIGHT = 3
LEAST_SCORE = 3
# Document types that report on something rather than being the document:
# without an issuing body, their level is the place they are about rather
# than their publisher's.
REPORTS = {"news-report", "data-statistics"}

# "Notice on issuing the Implementation Plan": the document is the plan.
_COVERING_NOTICE = re.compile(
    r"\b(?:notice|circular)\b[^.]{0,150}?\bon\s+(?:the\s+)?(?:issuing|issuance|printing|"
    r"distributing|publishing|releasing|forwarding|transmitting)\b|(?:印发|转发|发布).+的通知",
    re.I,
)

# New names that read as a body but are what a document regulates ("the
# Measures for the Administration of Carbon Emission Trading").
_NOT_A_BODY = re.compile(r"(?:the\s+)?(?:administration|management|whole\s+society)\s+of\b", re.I)

LEVEL_OF_REGION_KIND = {
    **dict.fromkeys(Region.PROVINCIAL_KINDS, "provincial"),
    **dict.fromkeys(Region.PREFECTURE_KINDS, "prefecture"),
    **dict.fromkeys(Region.COUNTY_KINDS, "county"),
    Region.Kind.COUNTRY: "national",
}
LEVEL_DEPTH = {"national": 0, "provincial": 1, "prefecture": 2, "county": 3}
_NATIONAL_BODY = re.compile(
    r"^(?:the\s+)?(?:ministry|state|national|general\s+office\s+of\s+the\s+state|central|"
    r"china|chinese|people's\s+bank\s+of\s+china)\b",
    re.I,
)


@dataclass(frozen=True)
class Facet:
    pk: int
    kind: str
    slug: str
    position: int


class FacetRules:
    def __init__(self, facets, keywords, title_keywords):
        """`facets`: [Facet]; `keywords` and `title_keywords` map a phrase to
        the ids of the facets it selects."""
        self.facets = {facet.pk: facet for facet in facets}
        self.by_slug = {(facet.kind, facet.slug): facet.pk for facet in facets}
        self.keywords = KeywordRules(keywords)
        self.title_keywords = KeywordRules(title_keywords)

    @classmethod
    def load(cls):
        facets, keywords, title_keywords = [], {}, {}
        for row in PolicyFacet.objects.all():
            facets.append(Facet(row.pk, row.kind, row.slug, row.position))
            for keyword in row.keyword_list():
                keywords.setdefault(keyword, set()).add(row.pk)
            for keyword in row.title_keyword_list():
                title_keywords.setdefault(keyword, set()).add(row.pk)
        return cls(facets, keywords, title_keywords)

    def facet_ids(self, title, body, *, level=""):
        """Instruments and sectors for a release, and the level's facet when
        `level` ("county") names one."""
        chosen = set()
        scores = self.keywords.scores(title, body, title_weight=TITLE_WEIGHT)
        for pk, score in scores.items():
            facet = self.facets[pk]
            if facet.kind in (Kind.INSTRUMENT, Kind.SECTOR) and score >= LEAST_SCORE:
                chosen.add(pk)
        level_id = self.by_slug.get((Kind.LEVEL, level))
        if level_id is not None:
            chosen.add(level_id)
        return chosen

    def document_type(self, title, body):
        """The document type the headline names (of several, the one placed
        first by its position: "Press conference on the Action Plan" is a
        press conference), else a type whose phrases the text holds, else
        the default."""
        in_title = self._of_kind(self.title_keywords, title, Kind.DOCUMENT_TYPE)
        if _COVERING_NOTICE.search(title):
            in_title = [facet for facet in in_title if facet.slug != "notice" or len(in_title) == 1]
        if not in_title:
            in_title = self._of_kind(self.keywords, body, Kind.DOCUMENT_TYPE)
        if in_title:
            return min(in_title, key=lambda facet: facet.position).pk
        return self.by_slug.get((Kind.DOCUMENT_TYPE, DEFAULT_DOCUMENT_TYPE))

    def slug_of(self, pk):
        return self.facets[pk].slug

    def _of_kind(self, rules, text, kind):
        return list(
            {
                self.facets[pk]
                for _, keyword in rules.matches(text)
                for pk in rules.keywords[keyword]
                if self.facets[pk].kind == kind
            }
        )


def issuing_body(mentions, title_length, opening_length=400):
    """The organization that issued or hosted a release: the first named in
    its headline, else the first in its opening lines. `mentions` are
    (offset, organization id or new name) over the headline, two newlines,
    then the body, in order."""
    for offset, organization in mentions:
        if offset >= title_length + 2 + opening_length:
            break
        if isinstance(organization, str) and _NOT_A_BODY.match(organization):
            continue
        return organization
    return None


def level_of_region(gazetteer, region_id):
    if region_id is None or region_id not in gazetteer.places:
        return ""
    return LEVEL_OF_REGION_KIND.get(gazetteer.places[region_id].kind, "")


def organization_level(gazetteer, name, region_id):
    """A body's level: its region's, or national for a ministry, a national
    body or a company named after China without a region."""
    if region_id is not None:
        return level_of_region(gazetteer, region_id)
    return "national" if _NATIONAL_BODY.match(name) else ""


def most_specific_level(gazetteer, region_ids):
    levels = [level_of_region(gazetteer, pk) for pk in region_ids]
    levels = [level for level in levels if level]
    return max(levels, key=LEVEL_DEPTH.__getitem__) if levels else ""


def jurisdiction_level(document_type, issuer_level, source_level, place_level):
    """A release's level is its issuer's; without one, a document's is its
    publisher's and a report's the most specific place it is about."""
    if document_type in REPORTS:
        order = (issuer_level, place_level, source_level)
    else:
        order = (issuer_level, source_level, place_level)
    return next((level for level in order if level), "")


def classify(rules, gazetteer, title, body, links, source_id):
    """A release's facets, its document type and its issuing body (an
    organization's id, or the name of one the import will create), from its
    text and links."""
    issuer = issuing_body(links.organization_mentions, len(title))
    if issuer is None:
        issuer_level = ""
    elif isinstance(issuer, str):
        issuer_level = organization_level(
            gazetteer, issuer, links.new_organization_regions.get(issuer)
        )
    else:
        issuer_level = organization_level(gazetteer, *gazetteer.organizations[issuer])
    source = gazetteer.sources.get(source_id)
    source_level = level_of_region(gazetteer, source[1]) if source else ""
    document_type = rules.document_type(title, body)
    level = jurisdiction_level(
        rules.slug_of(document_type) if document_type else "",
        issuer_level,
        source_level,
        most_specific_level(gazetteer, links.region_ids),
    )
    return rules.facet_ids(title, body, level=level), document_type, issuer
