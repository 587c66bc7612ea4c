"""Redis down while a user saves: the save succeeds, the work waits in the outbox, the user is told."""

from unittest import mock

import pytest
from kombu.exceptions import OperationalError

from core.models import OutboxItem


# Transactional: on_commit callbacks (where the work is queued) run inside the request, as in production.
@pytest.mark.django_db(transaction=True)
def test_a_user_whose_email_could_not_be_queued_is_told_it_will_be_sent_later(client_for, world, celery_broker_mode):
    from accounts.tasks import send_account_invitation

    down = mock.patch.object(
        send_account_invitation, "apply_async", side_effect=OperationalError("Error 111 connecting to 127.0.0.1:6379")
    )
    with down, celery_broker_mode():
        response = client_for("tinh").post(
            "/tai-khoan/nguoi-dung/them/",
            {
                "full_name": "Nguyễn Văn Bình",
                "username": "binh.nv",
                "email": "binh@mttq-tuyenquang.local",
                "unit": "08",
                "role": "cadre",
                "position": "",
                "phone": "",
            },
        )
    html = response.content.decode()
    assert response.status_code == 200 and "binh.nv" in html
    assert "Hệ thống hàng đợi đang tạm ngừng nên việc gửi e-mail mời đặt mật khẩu sẽ được thực hiện sau" in html
    assert OutboxItem.objects.get().task_name == "accounts.tasks.send_account_invitation"


@pytest.mark.django_db(transaction=True)
def test_no_message_when_the_queue_works(client_for, world):
    response = client_for("tinh").post(
        "/tai-khoan/nguoi-dung/them/",
        {
            "full_name": "Nguyễn Văn Bình",
            "username": "binh.nv",
            "email": "binh@mttq-tuyenquang.local",
            "unit": "08",
            "role": "cadre",
            "position": "",
            "phone": "",
        },
    )
    assert "hàng đợi" not in response.content.decode() and not OutboxItem.objects.exists()
