"""What an import did, record by record, and in sum."""

import json
from collections import Counter
from dataclasses import dataclass, field

CREATED, UPDATED, UNCHANGED, CONFLICT, ERROR = (
    "created",
    "updated",
    "unchanged",
    "conflict",
    "error",
)
STATUSES = (CREATED, UPDATED, UNCHANGED, CONFLICT, ERROR)


@dataclass
class RecordResult:
    input: str
    status: str
    error: str | None = None
    title: str | None = None
    published_on: str | None = None
    date_precision: str = "unknown"
    source: str | None = None
    regions: list = field(default_factory=list)
    organizations: list = field(default_factory=list)
    url: str | None = None
    warnings: list = field(default_factory=list)
    date_text: str = ""  # as the page wrote it; not in the report

    def as_report_line(self):
        """The report's object: exactly the documented keys. Warnings are listed
        in `warnings`, and also in `error` for records that did import, prefixed
        "warning:", as reports before the list had them."""
        message = self.error
        if message is None and self.warnings:
            message = "; ".join(f"warning: {warning}" for warning in self.warnings)
        return {
            "input": self.input,
            "status": self.status,
            "error": message,
            "title": self.title,
            "published_on": self.published_on,
            "date_precision": self.date_precision,
            "source": self.source,
            "regions": self.regions,
            "organizations": self.organizations,
            "url": self.url,
            "warnings": list(self.warnings),
        }

    def messages(self):
        """One line per problem, naming the input, for operators."""
        if self.error:
            yield f"{self.input}: error: {self.error}"
        for warning in self.warnings:
            yield f"{self.input}: warning: {warning}"


@dataclass
class ImportReport:
    results: list = field(default_factory=list)
    seconds: float = 0.0
    dry_run: bool = False
    file_times_used: int = 0  # records whose "… ago" dates count back from a file's time

    @property
    def counts(self):
        counts = Counter(result.status for result in self.results)
        return {status: counts.get(status, 0) for status in STATUSES}

    @property
    def failed(self):
        return self.counts[ERROR] > 0

    @property
    def rate(self):
        return len(self.results) / self.seconds if self.seconds > 0 else 0.0

    def summary(self):
        counts = self.counts
        prefix = "Dry run, nothing written: " if self.dry_run else ""
        return (
            f"{prefix}{counts[CREATED]} created, {counts[UPDATED]} updated, "
            f"{counts[UNCHANGED]} unchanged, {counts[CONFLICT]} conflicts, "
            f"{counts[ERROR]} errors; "
            f"{len(self.results)} records in {self.seconds:.2f} s ({self.rate:.0f} records/s)"
            + self._file_time_note()
        )

    def _file_time_note(self):
        if not self.file_times_used:
            return ""
        return (
            f'. {self.file_times_used} relative date(s) such as "4 months ago" were counted '
            "back from the files' modification times; a copied file moves them: "
            "give --retrieved-at to be sure"
        )


def write_report_line(stream, result):
    stream.write(json.dumps(result.as_report_line(), ensure_ascii=False) + "\n")
