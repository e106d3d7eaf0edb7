from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from articles.tooling.demo import RealDataPresent, generate_demo_data
from carbonportal.timeouts import without_statement_timeout


class Command(BaseCommand):
    help = (
        "Create realistic synthetic releases for measuring the portal at scale. "
        "Deterministic for a given --seed; refuses a database holding real releases."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--organizations", type=int, default=None)
        parser.add_argument(
            "--force", action="store_true", help="Add demo data beside real releases."
        )

    def handle(self, *args, articles, seed, organizations, force, **options):
        # A command may run statements longer than a web request is allowed.
        without_statement_timeout(connection)
        if articles < 1:
            raise CommandError("--articles must be at least 1.")
        try:
            result = generate_demo_data(
                articles=articles, seed=seed, force=force, organizations=organizations
            )
        except (RealDataPresent, ValueError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {result.articles} releases, {result.organizations} organizations and "
                f"{result.sources} sources in {result.seconds:.1f} s "
                f"({result.articles / result.seconds:.0f} releases/s)."
            )
        )
