"""The release importer: scraped pages, saved web pages and JSON Lines in,
linked articles out.

`import_releases(paths, …)` is the whole of it; the management command is a
shell around it. Steps, one module each: reading (files to raw records);
html (a saved page's main text); parsing, blocks, footers, paragraphs, dates
and page_dates (a page's lines judged as a reader judges them, into a
headline, body and date); language; linking, mentions and organizations
(the places and bodies a release names); topics; fields (a JSON record's
other fields); saving (never losing an editor's work) and report. The
pipeline module runs them in order.
"""

from .pipeline import Importer, ImportReport, RecordError, import_releases, resolve_source

__all__ = ["Importer", "ImportReport", "RecordError", "import_releases", "resolve_source"]
