from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError
from django.db import connection

from articles.ops.backup import PortalNotEmpty, import_portal
from carbonportal.timeouts import without_statement_timeout


class Command(BaseCommand):
    help = "Load a backup written by export_portal, in one transaction (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--replace", action="store_true", help="Delete this database's portal data first."
        )

    def handle(self, *args, path, replace, **options):
        # A command may run statements longer than a web request is allowed.
        without_statement_timeout(connection)
        try:
            counts = import_portal(path, replace=replace)
        except PortalNotEmpty as error:
            raise CommandError(str(error)) from error
        except DeserializationError as error:
            raise CommandError(f"{path} is not a complete backup: {error}") from error
        except FileNotFoundError as error:
            raise CommandError(f"No backup at {path}.") from error
        self.stdout.write(self.style.SUCCESS(f"Imported {sum(counts.values())} objects."))
