from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from articles.models import Region
from articles.tooling.import_bench import bench_import
from carbonportal.timeouts import without_statement_timeout


class Command(BaseCommand):
    help = (
        "Measure import throughput (releases per second, with linking) against the gazetteer "
        "in the database plus N generated organizations. Writes nothing: all work is rolled back."
    )

    def add_arguments(self, parser):
        parser.add_argument("--releases", type=int, default=2000)
        parser.add_argument("--organizations", type=int, default=5000)
        parser.add_argument("--runs", type=int, default=3)

    def handle(self, *args, **options):
        # A command may run statements longer than a web request is allowed.
        without_statement_timeout(connection)
        regions = Region.objects.count()
        if regions == 0:
            raise CommandError("No regions: run `manage.py load_portal_fixtures` first.")
        median, rates = bench_import(
            releases=options["releases"],
            organizations=options["organizations"],
            runs=options["runs"],
        )
        runs = ", ".join(f"{rate:.0f}" for rate in rates)
        self.stdout.write(
            self.style.SUCCESS(
                f"import: {median:.0f} releases/s (median of {len(rates)} runs: {runs}) — "
                f"{options['releases']} releases, {regions} regions, "
                f"+{options['organizations']} organizations"
            )
        )
