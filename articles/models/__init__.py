"""The portal's models, one module per concern; import them from here."""

import sys

from .editorial import LINK_TARGETS, GlossaryTerm, LinkDecision, ProblemReport, QualityFlag
from .facets import PolicyFacet
from .places import (
    GazetteerEntry,
    Organization,
    Region,
    Source,
    Topic,
    free_slug,
    split_lines,
    unique_slug,
)
from .releases import Article, ContentVersion, StaleVersion

__all__ = [
    "Article",
    "ContentVersion",
    "GazetteerEntry",
    "GlossaryTerm",
    "LINK_TARGETS",
    "LinkDecision",
    "Organization",
    "PolicyFacet",
    "ProblemReport",
    "QualityFlag",
    "Region",
    "Source",
    "StaleVersion",
    "Topic",
    "free_slug",
    "split_lines",
    "unique_slug",
]

# simple_history gives each historical model the app's name ("articles") as
# its module when the models live in a package, and puts it elsewhere: put it
# where that name points, so that pickling and the shell find it.
for _model in (Article, GlossaryTerm, Organization, Region):
    setattr(sys.modules["articles"], _model.history.model.__name__, _model.history.model)
