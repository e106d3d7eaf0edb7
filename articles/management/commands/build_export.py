from django.conf import settings
from django.core.management.base import BaseCommand

from articles.db import content_version
from articles.portal.api import article_data
from articles.portal.export import SiteAddress, ensure_export, export_path


class Command(BaseCommand):
    help = (
        "Build the corpus export (/api/export.jsonl.gz) for the current content, if it is "
        "not built yet. Run it from cron and after imports."
    )

    def add_arguments(self, parser):
        default = f"https://{settings.ALLOWED_HOSTS[0]}" if settings.ALLOWED_HOSTS else ""
        parser.add_argument(
            "--site",
            default=default,
            help=f"the site's address, for the releases' links (default: {default or 'none'})",
        )

    def handle(self, *args, site, **options):
        if not site:
            self.stderr.write("Give the site's address: --site https://carbon.example.org")
            raise SystemExit(2)
        version = content_version.current()
        if export_path(version).exists():
            self.stdout.write(f"The export of content version {version.number} is built already.")
            return
        address = SiteAddress(site)
        path = ensure_export(version, lambda article: article_data(address, article, full=True))
        self.stdout.write(f"Built {path.name} ({path.stat().st_size:,} bytes).")
