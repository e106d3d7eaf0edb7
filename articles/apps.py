from django.apps import AppConfig
from django.db.models.signals import post_migrate


def repair_triggers(sender, using, **kwargs):
    """Re-create the full-text search objects and the content version's
    triggers if a migration dropped them (SQLite rebuilds a table, losing its
    triggers, when a column changes)."""
    from django.db import connections

    from . import content_version, search

    connection = connections[using]
    tables = connection.introspection.table_names()
    if "articles_article" in tables:
        search.install(connection)
    if content_version.TABLE in tables:
        content_version.install(connection)


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Releases"

    def ready(self):
        post_migrate.connect(repair_triggers, sender=self)
