from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate


def repair_triggers(sender, using, **kwargs):
    """Re-create the full-text search objects and the content version's
    triggers if a migration dropped them (SQLite rebuilds a table, losing its
    triggers, when a column changes)."""
    from django.db import connections

    from articles.db import content_version, search

    connection = connections[using]
    tables = connection.introspection.table_names()
    if "articles_article" in tables:
        search.install(connection)
    if content_version.TABLE in tables:
        content_version.install(connection)


def lift_statement_timeout(sender, using, **kwargs):
    """Migrations may build indexes over every release: no web-request limit."""
    from django.db import connections

    from carbonportal.timeouts import without_statement_timeout

    without_statement_timeout(connections[using])


def restore_statement_timeout(sender, using, **kwargs):
    from django.db import connections

    from carbonportal.timeouts import with_statement_timeout

    with_statement_timeout(connections[using])


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Releases"

    def ready(self):
        from carbonportal.timeouts import watch_sqlite_connection

        pre_migrate.connect(lift_statement_timeout, sender=self)
        post_migrate.connect(repair_triggers, sender=self)
        post_migrate.connect(restore_statement_timeout, sender=self)
        connection_created.connect(watch_sqlite_connection)
