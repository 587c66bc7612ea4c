"""Hostile input through the real pages: each entry form is fetched as the person who uses it, every
free-text box is filled with script payloads typed in decomposed Unicode (NFD), the form is sent as
the browser would send it (its hidden fields, selected options and CSRF token included), and the page
that shows the result must

- render every payload inert (no <script> element and no on* attribute of ours, the text escaped), and
- show the text composed (NFC): the page shows what was stored.

Forms are read from the HTML, so a new field is filled without changing this test.
"""

import html as html_lib
import unicodedata
from html.parser import HTMLParser

import pytest

PAYLOADS = [
    "<script>alert('dvk')</script>",
    '<img src=x onerror="alert(1)">',
    '"><svg onload=alert(2)>',
]
WORDS = "Dân vận khéo ở Tân Trào"


class _Page(HTMLParser):
    """The forms of a page (fields with their values), its script elements and on* attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self._form, self._select, self._textarea = [], None, None, None
        self.scripts, self._in_script, self.handlers = [], False, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.handlers += [(tag, k, v) for k, v in attrs if k.startswith("on")]
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        if tag == "form":
            self._form = {"action": a.get("action"), "method": (a.get("method") or "get").lower(), "fields": [], "attrs": a}
            self.forms.append(self._form)
        if self._form is None:
            return
        if tag == "button" and a.get("name") and (a.get("type") or "submit") == "submit":
            self._form.setdefault("buttons", []).append((a["name"], a.get("value", "")))
        elif tag == "input" and a.get("name"):
            self._form["fields"].append({"tag": "input", "type": (a.get("type") or "text").lower(), **a})
        elif tag == "textarea" and a.get("name"):
            self._textarea = {"tag": "textarea", "type": "textarea", "value": "", **a}
            self._form["fields"].append(self._textarea)
        elif tag == "select" and a.get("name"):
            self._select = {"tag": "select", "type": "select", "options": [], **a}
            self._form["fields"].append(self._select)
        elif tag == "option" and self._select is not None:
            self._select["options"].append({"value": a.get("value", ""), "selected": "selected" in a})

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False
        elif tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        if self._textarea is not None:
            self._textarea["value"] += data


def parse(html):
    page = _Page()
    page.feed(html)
    return page


def fill(form, text, overrides):
    """What a browser sends for this form with `text` typed into every free-text box."""
    data = {}
    for f in form["fields"]:
        name, kind = f["name"], f["type"]
        prefixed = [v for k, v in overrides.items() if k.endswith("*") and name.startswith(k[:-1]) and kind != "hidden"]
        if name in overrides:
            data[name] = overrides[name]
        elif prefixed:
            data[name] = prefixed[0]
        elif kind in ("text", "textarea", "search") and "inputmode" not in f:
            limit = int(f.get("maxlength") or 10_000)
            data[name] = text[:limit]
        elif kind in ("checkbox", "radio"):
            if "checked" in f:
                data.setdefault(name, f.get("value", "on"))
        elif kind == "select":
            # What a person picks: the selected option, or the first real one for a "---" placeholder.
            chosen = [o["value"] for o in f["options"] if o["selected"] and o["value"]] or [
                o["value"] for o in f["options"] if o["value"]
            ]
            if chosen:
                data[name] = chosen[0]
        elif kind in ("submit", "button", "file"):
            continue
        else:
            data[name] = f.get("value", "")
    return data


def assert_inert(html):
    page = parse(html)
    for payload in ("alert('dvk')", "alert(1)", "alert(2)"):
        assert not any(payload in script for script in page.scripts), f"script ran: {payload}"
        assert not any(payload in (value or "") for _, _, value in page.handlers), f"handler: {payload}"
    assert "<svg onload" not in html and "<img src=x" not in html
    assert html_lib.escape("<script>alert('dvk')</script>", quote=False) in html.replace("&#x27;", "'")


def assert_composed(html):
    assert unicodedata.normalize("NFD", WORDS) not in html, "text kept in NFD"
    assert WORDS in html


def hostile_text():
    return unicodedata.normalize("NFD", WORDS) + " " + " ".join(PAYLOADS)


@pytest.fixture
def in_2020(time_machine):
    from reports.tests.factories import local

    time_machine.move_to(local(2020, 5, 20, 9, 0), tick=False)


def _entry_form(html, action=None):
    page = parse(html)
    forms = [f for f in page.forms if f["method"] == "post" and (action is None or f["action"] == action)]
    forms = [f for f in forms if any(x["type"] in ("text", "textarea") for x in f["fields"])] or forms
    assert forms, "no entry form on the page"
    return forms[0]


def send(client, url, *, action=None, overrides=None, button=None):
    """GET the form page, fill it with the hostile text, POST it; return the final response."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    form = _entry_form(response.content.decode(), action)
    data = fill(form, hostile_text(), overrides or {})
    # As a browser does: the clicked button's name and value (the first one unless told).
    data.update(button or dict(form.get("buttons", [])[:1]))
    target = form["action"] or url
    answer = client.post(target, data, follow=True)
    assert answer.status_code == 200, (target, answer.status_code)
    body = answer.content.decode()
    refused = "is-invalid" in body or "invalid-feedback" in body or "alert-danger" in body
    assert not refused, (target, _errors(body))
    return answer


def _errors(body):
    import re

    return (
        re.findall(r'id="(id_[a-z_0-9-]+)_error"', body)
        + re.findall(r"(?:invalid-feedback|alert-danger)[^>]*>\s*(?:<p[^>]*>)?\s*(?:<strong>)?([^<]+)", body)[:5]
    )


def check(client, answer, url=None):
    html = client.get(url).content.decode() if url else answer.content.decode()
    assert_inert(html)
    assert_composed(html)
    return html


# --- the forms ---------------------------------------------------------------------------------


def test_unit_registration(world, client_for, in_2020):
    from campaigns.models import Campaign
    from registrations.services.fields import fields_ensure_defaults

    for campaign in Campaign.objects.all():
        fields_ensure_defaults(campaign)
    client = client_for("sonduong")
    # The optional targets (an indicator and its number) are left empty.
    answer = send(client, "/dang-ky/them/?loai=content", overrides={"chi_tieu-*": ""})
    check(client, answer)


def test_cadre_task_and_its_progress(world, client_for, in_2020):
    from registrations.tests.factories import make_registration

    task = make_registration(unit=world.units["076"], kind="task", person=world.users["canbo"], status="in_progress")
    client = client_for("canbo")
    answer = send(client, f"/dang-ky/{task.pk}/tien-do/", overrides={"percent": "40"})
    check(client, answer, f"/dang-ky/{task.pk}/")


def test_plan_sections_and_tasks(world, client_for, in_2020):
    from plans.tests import factories as plan_factories

    plan = plan_factories.sonduong_draft(world)
    client = client_for("sonduong")
    send(client, f"/ke-hoach/{plan.pk}/sua/")
    check(client, None, f"/ke-hoach/{plan.pk}/")
    send(client, f"/ke-hoach/{plan.pk}/muc/them/", overrides={"target_unit": "", "target_level": ""})
    send(client, f"/ke-hoach/{plan.pk}/nhiem-vu/them/", overrides={"due_on": "2020-06-30", "target_level": ""})
    html = check(client, None, f"/ke-hoach/{plan.pk}/")
    assert html.count("&lt;script&gt;") >= 3


def test_inspection_record(world, client_for, in_2020):
    client = client_for("tinh")
    answer = send(client, "/ke-hoach/kiem-tra/moi/", overrides={"inspected_on": "2020-05-15"})
    check(client, answer)


def test_report_of_a_district(world, client_for, in_2020):
    from reports.tests.factories import make_period

    period = make_period(world)
    client = client_for("sonduong")
    url = f"/bao-cao/ky/{period.pk}/don-vi/076/"
    send(client, url, action=f"/bao-cao/ky/{period.pk}/don-vi/076/luu/")
    check(client, None, url)


def test_reporting_period(world, client_for, in_2020):
    client = client_for("tinh")
    answer = send(
        client,
        "/bao-cao/ky/them/",
        overrides={"covers_from": "2020-01-01", "covers_to": "2020-06-05", "due_on": "2020-06-10"},
    )
    check(client, answer)


def test_person_created_by_a_district_officer(world, client_for, in_2020):
    client = client_for("sonduong")
    answer = send(
        client,
        "/tai-khoan/nguoi-dung/them/",
        overrides={"email": "ca.bo.moi@example.vn", "username": "cabomoi", "phone": "0912 345 678"},
    )
    check(client, answer)


def test_registration_field(world, client_for, in_2020):
    client = client_for("tinh")
    send(client, "/dang-ky/linh-vuc/them/")
    check(client, None, "/dang-ky/linh-vuc/")


def test_update_of_an_assigned_plan_task(world, client_for, in_2020):
    from plans.tests import factories as plan_factories

    assignment = plan_factories.sonduong_assignment(world)
    client = client_for("sonduong")
    answer = send(
        client, f"/ke-hoach/viec-duoc-giao/{assignment.pk}/", action=f"/ke-hoach/viec-duoc-giao/{assignment.pk}/cap-nhat/"
    )
    check(client, answer, f"/ke-hoach/viec-duoc-giao/{assignment.pk}/")


def test_commemoration_activity(world, client_for, in_2020):
    from plans.tests import factories as plan_factories

    activity = plan_factories.sonduong_activity(world)
    client = client_for("sonduong")
    send(client, f"/ke-hoach/hoat-dong-ky-niem/{activity.pk}/sua/")
    check(client, None, f"/ke-hoach/ky-niem/{activity.commemoration_id}/")


def test_comment_when_a_task_is_returned(world, client_for, in_2020):
    from registrations.tests.factories import make_registration

    task = make_registration(unit=world.units["076"], kind="task", person=world.users["canbo"], status="submitted")
    send(client_for("sonduong"), f"/dang-ky/{task.pk}/", action=f"/dang-ky/{task.pk}/tra-lai/")
    # The cadre reads the officer's comment on her task.
    check(client_for("canbo"), None, f"/dang-ky/{task.pk}/")


def test_comment_when_a_report_is_returned(world, client_for, in_2020):
    from reports.tests.factories import make_period, make_report

    period = make_period(world)
    make_report(world, "076", status="submitted", period=period)
    url = f"/bao-cao/ky/{period.pk}/don-vi/076/"
    send(client_for("tinh"), url, action=url + "tra-lai/")
    check(client_for("sonduong"), None, url)


def test_the_checks_catch_a_page_that_renders_text_unescaped():
    """The assertions above are not vacuous: an unescaped payload or NFD text fails them."""
    raw = f"<html><body><p>{WORDS}</p><p>{PAYLOADS[0]}</p></body></html>"
    with pytest.raises(AssertionError):
        assert_inert(raw)
    nfd = f"<p>{unicodedata.normalize('NFD', WORDS)} {html_lib.escape(PAYLOADS[0])}</p>"
    with pytest.raises(AssertionError):
        assert_composed(nfd)
    assert_inert(f"<p>{html_lib.escape(' '.join(PAYLOADS))}</p>")
