from notifications import services
from notifications.models import Notification


def test_unread_count_shows_in_the_navigation(client_for, world):
    services.notify(recipients=[world.users["nahang"]], kind="general", title="Việc mới", url="/don-vi/072/", email=False)
    html = client_for("nahang").get("/").content.decode()
    assert "Thông báo: 1 chưa đọc" in html


def test_opening_a_notification_marks_it_read_and_goes_to_its_object(client_for, world):
    n = services.notify(recipients=[world.users["nahang"]], kind="general", title="Việc mới", url="/don-vi/072/", email=False)[0]
    response = client_for("nahang").post(f"/thong-bao/{n.pk}/mo/")
    assert response["Location"] == "/don-vi/072/"
    n.refresh_from_db()
    assert n.read_at is not None


def test_an_external_link_in_a_notification_is_not_followed(client_for, world):
    n = Notification.objects.create(recipient=world.users["nahang"], kind="general", title="x", url="https://evil.example/")
    assert client_for("nahang").post(f"/thong-bao/{n.pk}/mo/")["Location"] == "/thong-bao/"


def test_inbox_lists_only_own_notifications_with_fixed_queries(client_for, world, django_assert_max_num_queries):
    for i in range(40):
        Notification.objects.create(recipient=world.users["nahang"], kind="general", title=f"Tin {i}")
    Notification.objects.create(recipient=world.users["sonduong"], kind="general", title="Của Sơn Dương")
    client = client_for("nahang")
    client.get("/thong-bao/")
    with django_assert_max_num_queries(10):
        response = client.get("/thong-bao/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tin 39" in html and "Của Sơn Dương" not in html


def test_mark_all_read(client_for, world):
    services.notify(recipients=[world.users["nahang"]], kind="general", title="a", email=False)
    client_for("nahang").post("/thong-bao/da-doc-tat-ca/")
    assert services.unread_count(world.users["nahang"]) == 0


def test_preferences_turn_email_off_per_kind(client_for, world):
    client_for("nahang").post("/thong-bao/tuy-chon/", {})
    assert services.preferences_for(world.users["nahang"])[0][2] is False
    client_for("nahang").post("/thong-bao/tuy-chon/", {"email": ["general"]})
    assert {k: on for k, _, on in services.preferences_for(world.users["nahang"])}["general"] is True


def test_mail_log_shows_deliveries_with_errors(client_for, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(recipients=[world.users["nahang"]], kind="general", title="Nhắc hạn báo cáo")
    html = client_for("tinh").get("/thong-bao/nhat-ky-thu/").content.decode()
    assert "Nhắc hạn báo cáo" in html and "nahang@mttq-tuyenquang.local" in html and "Đã gửi" in html
