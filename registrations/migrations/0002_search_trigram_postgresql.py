"""On PostgreSQL, a trigram GIN index for the list's search without diacritics. Nothing on SQLite."""

from django.db import migrations

from core.migration_ops import trigram_index


class Migration(migrations.Migration):
    dependencies = [("registrations", "0001_initial")]

    operations = [trigram_index("registrations_registration", "reg_search_key_trgm")]
