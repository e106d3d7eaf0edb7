"""The editors' admin, in parts: articles (corrections, history, conflicts),
places (regions, organizations, sources, topics), the glossary, the
quality-check work queue and readers' problem reports."""

from . import articles, glossary, places, quality, reports  # noqa: F401  (registers the ModelAdmins)
