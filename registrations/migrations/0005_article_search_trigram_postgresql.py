"""On PostgreSQL, a trigram GIN index for the public search of articles (`search_key LIKE '%…%'`),
like registrations' (0003). Nothing on SQLite."""

from django.db import migrations

INDEX = "article_search_key_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON registrations_article USING gin (search_key gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("registrations", "0004_exemplars_articles")]

    operations = [migrations.RunPython(create, drop)]
