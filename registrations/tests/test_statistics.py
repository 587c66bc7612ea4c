"""Statistics per unit of the subtree: by kind and status, share of cadres, models by field, ratings."""

import pytest
from django.urls import reverse

from campaigns.models import Campaign
from registrations.models import Field
from registrations.selectors import unit_statistics


@pytest.fixture
def figures(make, world, cadre):
    economy = Field.objects.get(name="Kinh tế")
    security = Field.objects.get(name="Quốc phòng - an ninh")
    make(status="submitted")  # canbo's task (076)
    make(status="draft", title="Nháp của canbo")  # not counted
    cadre("076", "chuadangky")  # a second cadre of Sơn Dương, with no task
    hoa = cadre("02545", "hoa")
    make(unit="02545", person="hoa", status="evaluated", rating="excellent", title="Việc của Hòa")
    make(unit="02545", kind="model", status="in_progress", field=economy, title="Mô hình kinh tế xã")
    make(unit="076", kind="model", status="evaluated", rating="good", field=security, title="Mô hình an ninh huyện")
    make(unit="072", kind="content", status="returned", title="Nội dung Na Hang")
    make(unit="08", kind="model", status="approved", field=economy, title="Mô hình của tỉnh")
    return hoa


def _row(stats, label):
    return next(r for r in stats.rows if r.label == label)


def test_province_figures_by_district(figures, world):
    stats = unit_statistics(root=world.units["08"], campaign=Campaign.objects.get(year=2020))
    total = stats.total
    assert total.total == 6 and dict(total.by_kind) == {"task": 2, "model": 3, "content": 1}
    assert total.by_status["evaluated"] == 2 and total.by_status["returned"] == 1
    son_duong = _row(stats, "Huyện Sơn Dương")
    assert dict(son_duong.by_kind) == {"task": 2, "model": 2}
    assert son_duong.models_by_field == {
        Field.objects.get(name="Kinh tế").pk: 1,
        Field.objects.get(name="Quốc phòng - an ninh").pk: 1,
    }
    assert dict(son_duong.by_rating) == {"excellent": 1, "good": 1}
    # Cadres of Sơn Dương's subtree: canbo and hoa registered, chuadangky did not.
    assert (son_duong.cadres, son_duong.cadres_registered) == (3, 2)
    assert round(son_duong.cadre_share, 1) == 66.7
    na_hang = _row(stats, "Huyện Na Hang")
    assert na_hang.total == 1 and na_hang.cadres == 0 and na_hang.cadre_share is None
    own = next(r for r in stats.rows if r.is_own_level)
    assert own.total == 1 and own.by_kind["model"] == 1
    assert len([r for r in stats.rows if r.has_children]) == 7


def test_district_figures_by_commune(figures, world):
    stats = unit_statistics(root=world.units["076"], campaign=Campaign.objects.get(year=2020))
    tan_trao = _row(stats, "Xã Tân Trào")
    assert tan_trao.total == 2 and (tan_trao.cadres, tan_trao.cadres_registered) == (1, 1)
    own = next(r for r in stats.rows if r.is_own_level)
    assert own.total == 2 and (own.cadres, own.cadres_registered) == (2, 1)


def test_statistics_page_drills_down_and_respects_the_scope(figures, client_for):
    url = reverse("registrations:statistics")
    html = client_for("tinh").get(url).content.decode()
    assert "Huyện Sơn Dương" in html and "66,7%" in html and f"{url}?don_vi=076" in html
    assert "Xã Tân Trào" in client_for("tinh").get(url, {"don_vi": "076"}).content.decode()
    assert client_for("nahang").get(url, {"don_vi": "076"}).status_code == 404
    assert client_for("canbo").get(url).status_code == 403
    assert "Xã Tân Trào" in client_for("sonduong").get(url).content.decode()
