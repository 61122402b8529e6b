"""The door check-in page in a real browser: Chromium's fake camera films a
ticket's QR code, and scans made without a connection wait in the browser."""

import io

import pytest
import segno
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import translation
from PIL import Image
from playwright.sync_api import expect

from students.models import PartnerInstitution
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.browser.helpers import BrowserPage

PASSWORD = "a-long-test-password"


@pytest.fixture
def institution(site):
    return PartnerInstitution.objects.order_by("pk").first()


@pytest.fixture
def door_user(site):
    user = get_user_model().objects.create_user(
        "door", password=PASSWORD, is_staff=True
    )
    # Transactional tests flush the groups the migration made.
    user.user_permissions.add(Permission.objects.get(codename="check_in_registration"))
    return user


def door_url(reception):
    with translation.override("en"):
        return reception.get_absolute_url() + "door/"


def log_in(tab, url):
    tab.goto(url)
    tab.fill("Username", "door")
    tab.fill("Password", PASSWORD)
    tab.page.locator("input[type=submit]").click()
    expect(tab.page.locator("#door-counts")).to_be_visible()


def ticket_video(reference, path):
    """An MJPEG file: the ticket's QR code on a white 640×480 frame, repeated."""
    png = io.BytesIO()
    # As the student's page draws it: a full QR code (segno.make would pick a
    # Micro QR code for so short a text, which phone scanners do not read).
    segno.make_qr(reference, error="m").save(png, kind="png", scale=8, border=4)
    frame = Image.new("RGB", (640, 480), "white")
    code = Image.open(png).convert("RGB")
    frame.paste(code, ((640 - code.width) // 2, (480 - code.height) // 2))
    jpeg = io.BytesIO()
    frame.save(jpeg, format="JPEG", quality=90)
    path.write_bytes(jpeg.getvalue() * 30)
    return path


@pytest.fixture
def camera_page(browser, site, tmp_path, request):
    """A tab of a Chromium whose camera films the file `make(reference)` wrote."""
    launched = []

    def make(reference):
        video = ticket_video(reference, tmp_path / "ticket.mjpeg")
        chromium = browser.browser_type.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                *CHROMIUM_ARGS,
                "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream",
                f"--use-file-for-fake-video-capture={video}",
            ],
        )
        context = chromium.new_context(viewport={"width": 390, "height": 844})
        context.grant_permissions(["camera"], origin=site.url)
        tab = BrowserPage(context.new_page(), site.url)
        launched.append((chromium, tab))
        return tab

    yield make
    for chromium, tab in launched:
        chromium.close()
        tab.assert_clean()


def test_camera_scan_checks_in_then_says_already_then_undo(
    camera_page, reception, register, door_user
):
    registration = register(reception, confirm=True, first_name="Ana")
    tab = camera_page(registration.reference)
    log_in(tab, door_url(reception))
    assert tab.page.locator(".site-header").count() == 0
    tab.page.get_by_role("button", name="Start the camera").click()

    result = tab.page.locator("#door-result")
    expect(result).to_have_attribute("data-result", "checked_in", timeout=15_000)
    expect(result).to_contain_text("Checked in now")
    expect(result).to_contain_text(registration.full_name)
    expect(tab.page.locator("#door-counts")).to_have_text(
        "1 checked in out of 1 confirmed"
    )
    # The ticket stays in front of the camera: the next scan says so.
    expect(result).to_have_attribute("data-result", "already", timeout=15_000)
    expect(result).to_contain_text("Already checked in at")

    tab.page.get_by_role("button", name="Undo this check-in").click()
    expect(result).to_contain_text("Check-in undone")
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_scans_made_offline_wait_in_the_browser_and_count_once(
    page, reception, register, door_user
):
    reception.capacity = 5
    reception.save()
    first = register(reception, confirm=True)
    second = register(reception, confirm=True)
    log_in(page, door_url(reception))
    page.expect_console_error(r"ERR_INTERNET_DISCONNECTED")

    page.page.context.set_offline(True)
    for registration in (first, second):
        page.page.locator("#door-q").fill(registration.reference)
        page.page.locator("#door-q").press("Enter")
    queue = page.page.locator("#door-queue")
    expect(queue).to_contain_text("Waiting to send: 2 scans")
    first.refresh_from_db()
    assert first.checked_in_at is None

    page.page.context.set_offline(False)
    expect(queue).to_be_hidden(timeout=15_000)
    expect(page.page.locator("#door-counts")).to_have_text(
        "2 checked in out of 2 confirmed"
    )
    for registration in (first, second):
        registration.refresh_from_db()
        assert registration.checked_in_at is not None
    assert page.page.evaluate("localStorage.length") == 0 or page.page.evaluate(
        f"localStorage.getItem('door-queue-{reception.slug}')"
    ) in ("[]", None)
