def test_unit_page_lists_children_and_people(client_for):
    html = client_for("sonduong").get("/don-vi/076/").content.decode()
    assert "Ủy ban MTTQ huyện Sơn Dương" in html and "Xã Tân Trào" in html and "Trần Minh Tuấn" in html


def test_unit_search_ignores_diacritics_and_stays_in_scope(client_for):
    html = client_for("sonduong").get("/don-vi/", {"q": "tan trao"}).content.decode()
    assert "Xã Tân Trào" in html
    html = client_for("nahang").get("/don-vi/", {"q": "tan trao"}).content.decode()
    assert "Xã Tân Trào" not in html


def test_units_redirects_to_own_committee(client_for):
    assert client_for("nahang").get("/don-vi/")["Location"] == "/don-vi/072/"


def test_every_role_gets_a_home_page_for_that_role(client_for):
    expectations = {
        "tinh": "Cán bộ Ủy ban MTTQ tỉnh",
        "tuyengiao": "Ban Tuyên giáo (nhận báo cáo)",
        "sonduong": "Cán bộ phụ trách đơn vị",
        "nahang": "Huyện Na Hang",
        "tantrao": "Xã Tân Trào",
        "canbo": "Cán bộ, đảng viên",
        "quansat": "Theo dõi (chỉ xem)",
    }
    for username, text in expectations.items():
        html = client_for(username).get("/").content.decode()
        assert text in html, username
