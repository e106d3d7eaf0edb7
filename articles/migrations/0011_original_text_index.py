from django.db import migrations

# Chinese is searched as substrings of the originals: on PostgreSQL a
# trigram index serves LIKE '%…%' for terms of three characters or more.
CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS article_original_trgm ON articles_article "
    "USING gin (original_body gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS article_original_title_trgm ON articles_article "
    "USING gin (original_title gin_trgm_ops)",
]
DROP = [
    "DROP INDEX IF EXISTS article_original_trgm",
    "DROP INDEX IF EXISTS article_original_title_trgm",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("articles", "0010_originals")]

    operations = [migrations.RunPython(run(CREATE), run(DROP))]
