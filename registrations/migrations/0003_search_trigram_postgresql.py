"""On PostgreSQL, a trigram GIN index makes `search_key LIKE '%…%'` fast on 300,000 rows.

SQLite has no such index and does not need one at the embedded scale: the operation does nothing
there. The extension needs a role allowed to create it (or a DBA who created it beforehand:
IF NOT EXISTS then succeeds without that right)."""

from django.db import migrations

INDEX = "reg_search_key_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON registrations_registration USING gin (search_key gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("registrations", "0002_default_fields")]

    operations = [migrations.RunPython(create, drop)]
