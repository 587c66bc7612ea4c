"""A trigram GIN index on PostgreSQL makes `search_key LIKE '%…%'` fast on 300,000 rows.

SQLite has no such index and does not need one at the embedded scale: the operation does nothing
there. The extension needs a role allowed to create it (or a DBA who created it beforehand:
IF NOT EXISTS then succeeds without that right)."""

from django.db import migrations


def trigram_index(table: str, name: str, column: str = "search_key") -> migrations.RunPython:
    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)")

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(create, drop)
