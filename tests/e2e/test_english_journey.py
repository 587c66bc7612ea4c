"""English, chosen in the footer: a cadre on a phone switches the portal to English, registers a task
with English labels, buttons, errors and messages, and switches back to Vietnamese; provincial
staff's English navigation still fits one line of an office screen."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

TITLE = "Hướng dẫn 3 hộ thôn Cầu Trầu trồng rau sạch"


def _choose_language(page, option_label, button_label):
    page.get_by_role("combobox", name="Language").select_option(label=option_label)
    page.get_by_role("button", name=button_label, exact=True).click()
    page.wait_for_load_state()


def test_cadre_works_in_english_on_a_phone_and_switches_back(e2e_world, browser, live_server, login, csp_violations):
    from campaigns.models import Campaign
    from registrations.models import Registration
    from registrations.services.fields import fields_ensure_defaults

    for campaign in Campaign.objects.all():
        fields_ensure_defaults(campaign)
    phone = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    mobile = phone.new_page()
    mobile.on("console", lambda msg: csp_violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    login("canbo", target=mobile)
    expect(mobile.get_by_role("heading", level=1)).to_have_text("Xin chào, Phạm Thị Mai")

    _choose_language(mobile, "English", "Đổi")
    expect(mobile.locator("html")).to_have_attribute("lang", "en")
    expect(mobile.get_by_role("heading", level=1)).to_have_text("Hello, Phạm Thị Mai")
    assert mobile.evaluate("document.documentElement.scrollWidth") <= 360

    mobile.get_by_role("link", name="Register a task").first.click()
    mobile.wait_for_load_state("load")
    # Sent without a title or dates: English errors, nothing lost of what was typed.
    mobile.get_by_label("Expected result").fill("3 hộ có rau sạch bán ở chợ")
    mobile.get_by_role("button", name="Submit for approval").click()
    expect(mobile.locator("main")).to_contain_text("This field is required")
    expect(mobile.get_by_label("Expected result")).to_have_value("3 hộ có rau sạch bán ở chợ")

    mobile.get_by_label("Your “Skilful Mass Mobilisation” task").fill(TITLE)
    mobile.get_by_label("Field").select_option(label="Kinh tế")  # the fields are data
    mobile.get_by_label("Starts").fill("2020-04-01")
    mobile.get_by_label("Ends").fill("2020-10-31")
    mobile.get_by_role("button", name="Submit for approval").click()
    expect(mobile.locator(".portal-messages")).to_contain_text("Registration submitted to the competent level for approval.")
    registration = Registration.objects.get(title=TITLE)
    assert registration.status == "submitted"
    # The approver's notice is stored in Vietnamese, whatever language the cadre reads.
    from notifications.models import Notification

    notice = Notification.objects.filter(kind="registration_submitted").latest("pk")
    assert notice.title.startswith("Đăng ký chờ duyệt")

    _choose_language(mobile, "Tiếng Việt", "Change")
    expect(mobile.locator("html")).to_have_attribute("lang", "vi")
    expect(mobile.get_by_role("heading", level=1)).to_contain_text(TITLE)
    expect(mobile.locator("main")).to_contain_text("Chờ duyệt")
    phone.close()
    assert csp_violations == []


def test_provincial_staff_english_navigation_fits_one_line(e2e_world, page, login, live_server):
    page.set_viewport_size({"width": 1280, "height": 800})
    login("tinh")
    _choose_language(page, "English", "Đổi")
    navigation = page.get_by_role("navigation", name="Main navigation")
    entries = navigation.locator("ul.navbar-nav > li")
    tops = {round(box["y"]) for box in (entries.nth(i).bounding_box() for i in range(entries.count()))}
    assert len(tops) == 1, tops
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    expect(navigation.get_by_role("link", name="Reports", exact=True)).to_be_visible()
