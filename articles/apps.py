from django.apps import AppConfig
from django.db.models.signals import post_migrate


def repair_search(sender, using, **kwargs):
    """Re-create the full-text search objects if a migration dropped them
    (SQLite rebuilds a table, losing its triggers, when a column changes)."""
    from django.db import connections

    from . import search

    connection = connections[using]
    if "articles_article" in connection.introspection.table_names():
        search.install(connection)


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Releases"

    def ready(self):
        post_migrate.connect(repair_search, sender=self)
