"""Asking for a plan's or an urging letter's PDF is a POST; a GET of the address creates nothing: it
shows the document of the current state if one was asked for, or a page with the button."""

from django.urls import reverse

from documents.models import GeneratedDocument
from plans.tests import factories


def test_a_get_of_a_plan_or_letter_pdf_address_offers_the_button_and_creates_nothing(
    province_plan, world, client_for, django_capture_on_commit_callbacks
):
    notice = factories.sonduong_notice(world)
    urls = [
        reverse("plans:plan_pdf", kwargs={"pk": province_plan.pk}),
        reverse("plans:urging_pdf", kwargs={"pk": notice.pk}),
    ]
    client = client_for("tinh")
    for url in urls:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200 and f'<form method="post" action="{url}"' in html and "csrfmiddlewaretoken" in html
    assert not GeneratedDocument.objects.exists()
    for url in urls:
        with django_capture_on_commit_callbacks(execute=False):
            posted = client.post(url)
        looked = client.get(url)
        assert looked.status_code == 302 and looked["Location"] == posted["Location"]
    assert GeneratedDocument.objects.count() == 2


def test_the_plan_page_offers_the_pdf_as_a_form(province_plan, client_for):
    url = reverse("plans:plan_pdf", kwargs={"pk": province_plan.pk})
    html = client_for("tinh").get(reverse("plans:plan_detail", kwargs={"pk": province_plan.pk})).content.decode()
    assert f'<form method="post" action="{url}"' in html and f'href="{url}"' not in html
