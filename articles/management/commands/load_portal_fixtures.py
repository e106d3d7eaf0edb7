from django.core.management.base import BaseCommand
from django.db import connection, transaction

from articles.ops.fixtures import PORTAL_FIXTURES, load_missing
from carbonportal.timeouts import without_statement_timeout


class Command(BaseCommand):
    help = (
        "Load the gazetteer, organizations, sources, topics and seed releases from fixtures/. "
        "Only records that are missing are added, so editors' corrections are never overwritten "
        "and running it twice is harmless."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--except",
            dest="excluded",
            action="append",
            default=[],
            choices=PORTAL_FIXTURES,
            metavar="NAME",
            help="Skip this fixture (repeatable), e.g. --except articles to regenerate them.",
        )

    def handle(self, *args, **options):
        # A command may run statements longer than a web request is allowed.
        without_statement_timeout(connection)
        with transaction.atomic():
            for name in PORTAL_FIXTURES:
                if name in options["excluded"]:
                    continue
                added, present = load_missing(name)
                if options["verbosity"]:
                    self.stdout.write(f"{name}: {added} added, {present} already present")
        self.stdout.write(self.style.SUCCESS("Fixtures loaded."))
