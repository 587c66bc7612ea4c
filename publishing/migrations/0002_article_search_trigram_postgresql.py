"""On PostgreSQL, a trigram GIN index for the public search of articles. Nothing on SQLite."""

from django.db import migrations

from core.migration_ops import trigram_index


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_initial")]

    operations = [trigram_index("publishing_article", "article_search_key_trgm")]
