"""The portal's models, one module per concern; import them from here."""

from .editorial import GlossaryTerm, LinkDecision, ProblemReport, QualityFlag
from .places import GazetteerEntry, Organization, Region, Source, Topic, split_lines, unique_slug
from .releases import Article, ContentVersion, StaleVersion

__all__ = [
    "Article",
    "ContentVersion",
    "GazetteerEntry",
    "GlossaryTerm",
    "LinkDecision",
    "Organization",
    "ProblemReport",
    "QualityFlag",
    "Region",
    "Source",
    "StaleVersion",
    "Topic",
    "split_lines",
    "unique_slug",
]
