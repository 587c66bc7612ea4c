"""Asking for a report PDF is a POST (issue 16, finding 10): a GET of a `…/pdf/` address (a link
followed by a crawler, a prefetch, a bookmark) creates no record; it shows the document of the
current state if one was asked for, or a page with the button that asks for it."""

import pytest
import time_machine
from django.urls import reverse

from documents.models import GeneratedDocument
from reports.models import ConsolidatedReport
from reports.tests.factories import local, make_report


@pytest.fixture(autouse=True)
def june_2020():
    with time_machine.travel(local(2020, 6, 8, 10, 0), tick=True):
        yield


def _urls(six):
    return {
        "report_pdf": reverse("reports:report_pdf", kwargs={"pk": six.pk, "code": "076"}),
        "report_draft_pdf": reverse("reports:report_draft_pdf", kwargs={"pk": six.pk, "code": "076"}),
        "summary_pdf": reverse("reports:summary_pdf", kwargs={"pk": six.pk}),
    }


def test_a_get_of_a_pdf_address_creates_nothing_and_offers_the_button(six, world, client_for):
    report = make_report(world, "076", status="returned")  # sent once, now being corrected: both PDFs exist
    assert report.status == "returned"
    urls = _urls(six)
    for name, persona in (("report_pdf", "tinh"), ("report_draft_pdf", "sonduong"), ("summary_pdf", "tinh")):
        response = client_for(persona).get(urls[name])
        html = response.content.decode()
        assert response.status_code == 200, name
        assert f'<form method="post" action="{urls[name]}"' in html and "csrfmiddlewaretoken" in html, name
        assert "Tạo văn bản PDF" in html, name
    assert not GeneratedDocument.objects.exists()
    assert not ConsolidatedReport.objects.exists()  # the summary's draft is not started by a GET


def test_a_get_after_the_post_shows_the_same_document(six, world, client_for, django_capture_on_commit_callbacks):
    make_report(world, "076", status="returned")
    for name, persona in (("report_pdf", "tinh"), ("report_draft_pdf", "sonduong"), ("summary_pdf", "tinh")):
        url = _urls(six)[name]
        client = client_for(persona)
        with django_capture_on_commit_callbacks(execute=False):
            posted = client.post(url)
        assert posted.status_code == 302, name
        count = GeneratedDocument.objects.count()
        looked = client.get(url)
        assert looked.status_code == 302 and looked["Location"] == posted["Location"], name
        assert GeneratedDocument.objects.count() == count


def test_a_version_asked_by_number_keeps_its_number_in_the_form(six, world, client_for):
    make_report(world, "076", status="returned")
    url = _urls(six)["report_pdf"] + "?lan=1"
    html = client_for("tuyengiao").get(url).content.decode()
    assert f'<form method="post" action="{url}"' in html
    detail = client_for("tuyengiao").get(reverse("reports:report_detail", kwargs={"pk": six.pk, "code": "076"}))
    page = detail.content.decode()
    assert f'<form method="post" action="{url}"' in page and f'href="{url}"' not in page


def test_a_failed_document_is_offered_again_not_shown(six, world, client_for):
    make_report(world, "076", status="submitted")
    url = _urls(six)["report_pdf"]
    client = client_for("tinh")
    client.post(url)
    GeneratedDocument.objects.update(status=GeneratedDocument.Status.FAILED)
    html = client.get(url).content.decode()
    assert "chưa thành công" in html and "Tạo văn bản PDF" in html
    assert GeneratedDocument.objects.count() == 1


def test_pdf_addresses_answer_only_get_and_post(six, world, client_for):
    make_report(world, "076", status="submitted")
    for url in _urls(six).values():
        assert client_for("tinh").put(url).status_code == 405
