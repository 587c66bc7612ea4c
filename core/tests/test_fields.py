import unicodedata

from campaigns.models import Movement
from core.text import fold


def test_text_is_stored_composed_and_search_key_folded(db):
    decomposed = unicodedata.normalize("NFD", "Phong trào “Toàn dân bảo vệ an ninh Tổ quốc”")
    movement = Movement.objects.create(name=decomposed, short_name=unicodedata.normalize("NFD", "Bảo vệ ANTQ"))
    movement.refresh_from_db()
    assert movement.name == unicodedata.normalize("NFC", decomposed)
    assert unicodedata.is_normalized("NFC", movement.short_name)
    assert Movement.objects.filter(search_key__contains=fold("toan dan bao ve")).get() == movement


def test_bulk_create_also_normalises(db):
    Movement.objects.bulk_create([Movement(name=unicodedata.normalize("NFD", "Hòa giải ở cơ sở"))])
    stored = Movement.objects.get()
    assert unicodedata.is_normalized("NFC", stored.name)
    assert stored.search_key == "hoa giai o co so"
