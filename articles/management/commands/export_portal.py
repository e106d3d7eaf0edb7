from django.core.management.base import BaseCommand
from django.db import connection

from articles.ops.backup import export_portal
from carbonportal.timeouts import without_statement_timeout


class Command(BaseCommand):
    help = "Write a complete backup of the portal (JSON; gzip when the name ends in .gz)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        # A command may run statements longer than a web request is allowed.
        without_statement_timeout(connection)
        counts = export_portal(path)
        self.stdout.write(self.style.SUCCESS(f"Exported {sum(counts.values())} objects to {path}."))
        if options["verbosity"] > 1:
            for label, count in sorted(counts.items()):
                self.stdout.write(f"  {label}: {count}")
