from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from articles.importer import import_releases, resolve_source
from articles.importer.dates import parse_moment
from articles.importer.reading import find_files
from articles.importer.report import write_report_line
from carbonportal.timeouts import without_statement_timeout


class Command(BaseCommand):
    help = (
        "Import scraped releases (.txt pages and .jsonl files, or directories of them) as "
        "linked articles. Editors' corrections are never overwritten. Exit status: 0 when "
        "every record imported, 1 when any failed (the others are still imported), 2 for a "
        "usage error."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="A file or a directory.")
        parser.add_argument(
            "--source", metavar="NAME", help="The publisher of files that do not name one."
        )
        parser.add_argument(
            "--retrieved-at",
            metavar="DATETIME",
            help="When the batch was scraped (ISO 8601); relative dates are resolved "
            "against it. Default: each file's modification time.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Parse, link and report; write nothing."
        )
        parser.add_argument(
            "--report", metavar="FILE", help="Write a JSON Lines report, one object per record."
        )

    def handle(self, *args, **options):
        # A command may run statements longer than a web request is allowed.
        without_statement_timeout(connection)
        paths = options["paths"]
        missing = [path for path in paths if not _exists(path)]
        if missing:
            raise CommandError(f"No such file or directory: {', '.join(missing)}", returncode=2)
        source = None
        if options["source"]:
            source = resolve_source(options["source"])
            if source is None:
                raise CommandError(
                    f"Unknown source {options['source']!r}: add it in the admin first.",
                    returncode=2,
                )
        retrieved_at = None
        if options["retrieved_at"]:
            retrieved_at = parse_moment(options["retrieved_at"])
            if retrieved_at is None:
                raise CommandError(
                    f"--retrieved-at {options['retrieved_at']!r} is not a date or date and time "
                    "(e.g. 2024-09-15 or 2024-09-15T10:00:00+08:00).",
                    returncode=2,
                )
        report_stream = None
        if options["report"]:
            try:
                # A file name that is not UTF-8 reaches Python as lone
                # surrogates: escape them rather than lose the report.
                report_stream = open(  # noqa: SIM115
                    options["report"], "w", encoding="utf-8", errors="backslashreplace"
                )
            except OSError as error:
                raise CommandError(
                    f"Cannot write the report {options['report']}: {error.strerror}", returncode=2
                ) from None
        progress = Progress(self.stderr, paths) if _is_terminal(self.stderr) else None
        verbosity = options["verbosity"]

        def on_result(result):
            # Written as records finish, so an interrupted import still
            # leaves the report of everything it did.
            if report_stream:
                write_report_line(report_stream, result)
                report_stream.flush()
            if progress:
                progress.clear()
            for message in result.messages():
                if verbosity >= 1 and (result.error or verbosity >= 2 or "date" in message):
                    self.stderr.write(message)

        try:
            report = import_releases(
                paths,
                source=source,
                retrieved_at=retrieved_at,
                dry_run=options["dry_run"],
                progress=progress,
                on_result=on_result,
            )
        finally:
            if report_stream:
                report_stream.close()
            if progress:
                progress.clear()
        style = self.style.ERROR if report.failed else self.style.SUCCESS
        self.stdout.write(style(report.summary()))
        if report.failed:
            raise CommandError(
                f"{report.counts['error']} record(s) failed; the others were imported.",
                returncode=1,
            )


def _exists(path):
    from pathlib import Path

    return Path(path).exists()


def _is_terminal(stream):
    stream = getattr(stream, "_out", stream)
    return hasattr(stream, "isatty") and stream.isatty()


class Progress:
    """A one-line progress bar, redrawn in place; only ever on a terminal."""

    def __init__(self, stream, paths):
        self.stream = getattr(stream, "_out", stream)
        self.total = sum(1 for _ in find_files(paths))
        self.shown = False

    def __call__(self, done):
        width = 30
        total = max(self.total, done)
        filled = int(width * done / total) if total else width
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} records")
        self.stream.flush()
        self.shown = True

    def clear(self):
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False
