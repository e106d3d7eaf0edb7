from django.db import migrations


def reindex(apps, schema_editor):
    """Index the words inside <…> that PostgreSQL's parser took for a tag."""
    from articles.db import search

    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    search.install(connection)
    with connection.cursor() as cursor:
        cursor.execute(search.REINDEX_POSTGRES_SQL)


class Migration(migrations.Migration):
    dependencies = [("articles", "0007_web_addresses_only")]

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop)]
