import pytest

from reports.tests.factories import local, make_period


@pytest.fixture
def six(world):
    """The province's 2020 six-month period: the 7 districts report by 10/6/2020."""
    return make_period(world)


@pytest.fixture
def users(world):
    return world.users


@pytest.fixture
def text():
    return {
        "results": "Đã ban hành kế hoạch, 31/31 xã, thị trấn đăng ký nội dung “Dân vận khéo”.",
        "limitations": "Một số nơi đăng ký còn chung chung.",
        "signer_authority": "TM. BAN THƯỜNG TRỰC",
        "signer_title": "PHÓ CHỦ TỊCH",
        "signer_name": "Trần Minh Tuấn",
    }


@pytest.fixture
def at():
    return local
