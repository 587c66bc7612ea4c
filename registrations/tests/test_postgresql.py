"""On PostgreSQL the search key has a trigram index (the migration does nothing on SQLite)."""

import pytest
from django.db import connection


@pytest.mark.django_db
def test_search_key_has_a_trigram_index_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("trigram index exists only on PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'reg_search_key_trgm'")
        row = cursor.fetchone()
    assert row is not None and "gin_trgm_ops" in row[0]
