import getpass
import secrets
import sys

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from articles.editorial.roles import EDITORS, create_editor


class Command(BaseCommand):
    help = (
        f"Create an editor: a staff account in the {EDITORS} group, with a password typed "
        "at the prompt or generated (--generate-password)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--generate-password",
            action="store_true",
            help="Print a generated one-time password instead of prompting for one.",
        )

    def handle(self, *args, username, email, generate_password, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user named {username!r} already exists.")
        candidate = User(username=username, email=email)
        if generate_password:
            password = secrets.token_urlsafe(12)
        elif sys.stdin.isatty():
            password = self.prompt_password(candidate)
        else:
            raise CommandError("No terminal to prompt for a password: use --generate-password.")
        user = create_editor(username, email=email, password=password)
        self.stdout.write(self.style.SUCCESS(f"Created {user.username} in the {EDITORS} group."))
        if generate_password:
            self.stdout.write(f"One-time password: {password}")
            self.stdout.write(
                "Hand it over privately; the editor should change it after the first login "
                "(the admin cannot force that)."
            )

    def prompt_password(self, user):
        while True:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("The passwords do not match.")
                continue
            try:
                password_validation.validate_password(password, user)
            except ValidationError as error:
                self.stderr.write("\n".join(error.messages))
                continue
            return password
