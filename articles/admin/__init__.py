"""The editors' admin, in parts: articles (corrections, history, conflicts),
places (regions, organizations, sources, topics), the glossary and the
quality-check work queue."""

from . import articles, glossary, places, quality  # noqa: F401  (registers the ModelAdmins)
