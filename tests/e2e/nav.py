"""Following the main navigation as a person does: a destination inside a drop-down menu
(“Gương, tin bài”, “Quản lý”) is reached by opening that menu first; on a phone the menu button
opens the bar."""

from playwright.sync_api import Page


def nav_click(page: Page, label: str) -> None:
    navigation = page.get_by_role("navigation", name="Điều hướng chính")
    toggler = navigation.get_by_role("button", name="Mở menu")
    if toggler.is_visible() and toggler.get_attribute("aria-expanded") != "true":
        toggler.click()
        # Bootstrap animates the bar open ("collapsing"); until it is "collapse show" its links
        # report hidden and the check below would open a menu the link is not in.
        navigation.locator(".navbar-collapse.collapse.show").wait_for(state="visible")
    link = navigation.get_by_role("link", name=label, exact=True)
    if not link.is_visible():
        menu = navigation.locator("li.dropdown").filter(has=page.get_by_role("link", name=label, exact=True, include_hidden=True))
        menu.locator(".dropdown-toggle").first.click()
    link.click()
