"""The Editors group: exactly the permissions the editorial work needs."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

EDITORS = "Editors"

# Model → actions. Editors correct and link releases, look after places and
# organizations (merging deletes the merged one), keep the glossary and work
# the quality queue and readers' problem reports. Releases, places, sources
# and topics are not deleted by an editor, and users, groups and permissions
# stay with administrators.
EDITOR_PERMISSIONS = {
    "article": ("view", "add", "change"),
    "region": ("view", "add", "change"),
    "organization": ("view", "add", "change", "delete"),
    "source": ("view", "add", "change"),
    "topic": ("view", "add", "change"),
    "policyfacet": ("view", "add", "change"),
    "glossaryterm": ("view", "add", "change", "delete"),
    "qualityflag": ("view", "add", "change"),
    "linkdecision": ("view", "add", "change", "delete"),
    # Readers' problem reports: editors triage them (accept or reject).
    "problemreport": ("view", "change"),
}


def editor_permissions():
    codenames = [
        f"{action}_{model}" for model, actions in EDITOR_PERMISSIONS.items() for action in actions
    ]
    return Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)


def ensure_editor_group():
    """Create or repair the Editors group. Returns (group, created)."""
    with transaction.atomic():
        group, created = Group.objects.get_or_create(name=EDITORS)
        group.permissions.set(editor_permissions())
    return group, created


def create_editor(username, *, email="", password=None):
    """A staff account in the Editors group (created or repaired first).

    Without a password the account cannot log in until one is set. Django's
    users have no "must change password" flag, so a generated password is
    handed over as a one-time password by convention only: the editor
    changes it under "Change password" after the first login."""
    from django.contrib.auth import get_user_model

    with transaction.atomic():
        group, _ = ensure_editor_group()
        user = get_user_model().objects.create_user(username, email=email, is_staff=True)
        if password is None:
            user.set_unusable_password()
        else:
            user.set_password(password)
        user.save()
        user.groups.add(group)
    return user
