"""Releases dated only to a month or a year are stored as the first day of
that period, which the list's date range filters rely on; sources and
topics get Chinese names for the Chinese interface."""

from django.db import migrations, models


def to_start_of_period(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    rows = (
        Article.objects.filter(date_precision__in=("month", "year"), published_on__isnull=False)
        .exclude(published_on__day=1, date_precision="month")
        .exclude(published_on__day=1, published_on__month=1)
        .values_list("pk", "published_on", "date_precision")
    )
    for pk, day, precision in rows.iterator():
        start = day.replace(day=1) if precision == "month" else day.replace(month=1, day=1)
        Article.objects.filter(pk=pk).update(published_on=start)


class Migration(migrations.Migration):
    dependencies = [("articles", "0015_glossary_synonyms")]

    operations = [
        migrations.AddField(
            model_name="source",
            name="name_zh",
            field=models.CharField(blank=True, max_length=200, verbose_name="Chinese name"),
        ),
        migrations.AddField(
            model_name="topic",
            name="name_zh",
            field=models.CharField(blank=True, max_length=100, verbose_name="Chinese name"),
        ),
        migrations.RunPython(to_start_of_period, migrations.RunPython.noop),
    ]
