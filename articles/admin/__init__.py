"""The editors' admin, in parts: articles (corrections, history, conflicts),
the gazetteer (regions, organizations, sources, topics), the glossary, the
quality-check work queue and readers' problem reports."""

from . import articles, gazetteer, glossary, quality, reports  # noqa: F401  (registers the ModelAdmins)
