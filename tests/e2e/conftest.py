"""Browser journeys: Playwright driving Debian's headless Chromium against the live server."""

import pytest

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "args": CHROMIUM_ARGS}


@pytest.fixture
def e2e_world(transactional_db, world, live_server):
    return world


@pytest.fixture
def login(page, live_server):
    """login(page, "sonduong") signs in through the real login form."""

    def do(username, target=page, password="dvk-demo-2020"):
        target.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
        target.get_by_label("Tên đăng nhập").fill(username)
        target.get_by_label("Mật khẩu").fill(password)
        target.get_by_role("button", name="Đăng nhập").click()
        target.wait_for_url(f"{live_server.url}/")
        return target

    return do


@pytest.fixture
def csp_violations(page):
    """Console messages that report a Content-Security-Policy violation (must stay empty)."""
    found = []
    page.on("console", lambda msg: found.append(msg.text) if "Content Security Policy" in msg.text else None)
    return found
