from django.core.management.base import BaseCommand

from articles.editorial.roles import EDITORS, ensure_editor_group


class Command(BaseCommand):
    help = "Create the Editors group, or reset its permissions to exactly what editors need."

    def handle(self, *args, **options):
        group, created = ensure_editor_group()
        verb = "Created" if created else "Updated"
        count = group.permissions.count()
        self.stdout.write(self.style.SUCCESS(f"{verb} the {EDITORS} group ({count} permissions)."))
