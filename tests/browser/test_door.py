"""The door check-in page in a real browser: Chromium's fake camera films a
ticket's QR code, scans made without a connection wait in the browser, and
two phones at the same door agree."""

import io
import json

import pytest
import segno
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import translation
from PIL import Image
from playwright.sync_api import expect

from students.models import PartnerInstitution, Question
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS
from tests.browser.helpers import BrowserPage
from tests.browser.test_crawl import WCAG_TAGS

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
    # door.js has run: the search no longer submits to the page without camera.
    expect(tab.page.locator("#door")).to_have_attribute("data-ready", "true")


def ticket_video(reference, path):
    """An MJPEG file: the ticket's QR code on a white 640×480 frame, repeated
    (a blank frame if `reference` is None)."""
    frame = Image.new("RGB", (640, 480), "white")
    if reference is not None:
        png = io.BytesIO()
        # As the student's page draws it: a full QR code (segno.make would pick
        # a Micro QR code for so short a text, which phone scanners do not read).
        segno.make_qr(reference, error="m").save(png, kind="png", scale=8, border=4)
        code = Image.open(png).convert("RGB")
        frame.paste(code, ((640 - code.width) // 2, (480 - code.height) // 2))
    jpeg = io.BytesIO()
    frame.save(jpeg, format="JPEG", quality=90)
    path.write_bytes(jpeg.getvalue() * 30)
    return path


@pytest.fixture
def camera_page(browser, site, tmp_path, request):
    """A tab of a Chromium whose camera films the file `make(reference)` wrote;
    `init_script` runs in the page before its own scripts."""
    launched = []

    def make(reference, init_script=None):
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
        if init_script:
            tab.page.add_init_script(init_script)
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


def test_a_ticket_held_to_the_camera_offline_waits_as_one_scan(
    camera_page, reception, register, door_user
):
    registration = register(reception, confirm=True)
    tab = camera_page(registration.reference)
    log_in(tab, door_url(reception))
    tab.expect_console_error(r"ERR_INTERNET_DISCONNECTED")
    tab.page.context.set_offline(True)
    result = start_camera(tab)
    expect(result).to_have_attribute("data-result", "queued", timeout=15_000)
    # The camera sees the ticket again every 4 s (the page's cooldown).
    tab.page.wait_for_timeout(9_000)
    expect(tab.page.locator("#door-queue")).to_contain_text("Waiting to send: 1 scan")

    tab.page.context.set_offline(False)
    expect(tab.page.locator("#door-queue")).to_be_hidden(timeout=15_000)
    expect(tab.page.locator("#door-counts")).to_have_text(
        "1 checked in out of 1 confirmed"
    )


def test_scans_made_after_the_session_ended_wait_for_staff_to_log_in_again(
    page, reception, register, door_user
):
    registration = register(reception, confirm=True)
    log_in(page, door_url(reception))
    page.page.context.clear_cookies(name="sessionid")

    type_reference(page, registration.reference)
    result = page.page.locator("#door-result")
    expect(result).to_have_attribute("data-result", "logged_out")
    expect(result).to_contain_text("Logged out")
    expect(page.page.locator("#door-queue")).to_contain_text("Waiting to send: 1 scan")

    page.page.get_by_role("link", name="Log in again").click()
    page.fill("Username", "door")
    page.fill("Password", PASSWORD)
    page.page.locator("input[type=submit]").click()
    expect(result).to_have_attribute("data-result", "checked_in")
    expect(page.page.locator("#door-queue")).to_be_hidden()
    registration.refresh_from_db()
    assert registration.checked_in_at is not None


def in_view(tab, selector):
    """Whether the element shows whole on the screen, without scrolling."""
    box = tab.page.locator(selector).bounding_box()
    size = tab.page.viewport_size
    return (
        box is not None
        and box["y"] >= 0
        and box["y"] + box["height"] <= size["height"]
        and box["x"] >= 0
        and box["x"] + box["width"] <= size["width"]
    )


def test_on_a_phone_counters_camera_and_answer_show_without_scrolling(
    camera_page, reception, register, door_user
):
    questions = [
        Question.objects.create(
            reception=reception,
            kind=Question.Kind.SHORT_TEXT,
            label_fr=label,
            label_en=label,
        )
        for label in ("Diet", "Access needs", "Allergies")
    ]
    registration = register(
        reception,
        confirm=True,
        answers=tuple(
            (question, "A fairly long answer to read at the door")
            for question in questions
        ),
    )
    tab = camera_page(registration.reference)
    log_in(tab, door_url(reception))
    result = start_camera(tab)
    expect(result).to_have_attribute("data-result", "checked_in", timeout=15_000)
    expect(result).to_contain_text("Allergies")

    for selector in ("#door-counts", "#door-video", "#door-message", "#door-name"):
        assert in_view(tab, selector), f"{selector} is off the 390×844 screen"
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= 390
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.page.screenshot(path=str(SCREENSHOTS / "door-checked-in-390.png"))

    colour = "e => getComputedStyle(e).backgroundColor"
    checked_in = result.evaluate(colour)
    expect(result).to_have_attribute("data-result", "already", timeout=15_000)
    tab.page.screenshot(path=str(SCREENSHOTS / "door-already-390.png"))
    already = result.evaluate(colour)
    type_reference(tab, "DJ-AAAAA-AAAAA")
    expect(result).to_have_attribute("data-result", "unknown")
    unknown = result.evaluate(colour)
    assert len({checked_in, already, unknown, "rgba(0, 0, 0, 0)"}) == 4


# --- The browser's own BarcodeDetector ------------------------------------------
# Chromium on Linux has none: a fake one stands in, as Android's would, and
# counts what the page asks of it.


def fake_barcode_detector(payload, formats=("qr_code",), broken=False):
    """A script defining window.BarcodeDetector: detect() reads `payload` from
    any playing video (or throws, if `broken`), and counts its calls."""
    return f"""
    window.fakeDetector = {{ calls: 0, notReady: 0, formats: null }};
    window.BarcodeDetector = class {{
      constructor(options) {{ window.fakeDetector.formats = options.formats; }}
      static async getSupportedFormats() {{ return {json.dumps(list(formats))}; }}
      detect(source) {{
        window.fakeDetector.calls += 1;
        if ({json.dumps(broken)}) {{
          throw new DOMException("Barcode detection service unavailable.",
                                 "NotSupportedError");
        }}
        if (!(source instanceof HTMLVideoElement) || source.readyState < 2
            || !source.videoWidth) {{
          window.fakeDetector.notReady += 1;
          return Promise.reject(new DOMException("Not ready", "InvalidStateError"));
        }}
        return Promise.resolve([{{
          format: "qr_code", rawValue: {json.dumps(payload)},
          boundingBox: new DOMRectReadOnly(200, 120, 240, 240), cornerPoints: []
        }}]);
      }}
    }};
    """


def jsqr_requests(tab):
    return [url for url in tab.requests if "jsqr" in url.lower()]


def start_camera(tab):
    tab.page.get_by_role("button", name="Start the camera").click()
    return tab.page.locator("#door-result")


def test_barcode_detector_reads_the_ticket_and_jsqr_is_never_downloaded(
    camera_page, reception, register, door_user
):
    registration = register(reception, confirm=True, first_name="Ana")
    # The camera films a blank page: only the detector can find the ticket.
    tab = camera_page(None, fake_barcode_detector(registration.reference))
    log_in(tab, door_url(reception))
    result = start_camera(tab)

    expect(result).to_have_attribute("data-result", "checked_in", timeout=15_000)
    expect(result).to_contain_text(registration.full_name)
    detector = tab.page.evaluate("window.fakeDetector")
    assert detector["calls"] >= 1
    assert detector["formats"] == ["qr_code"]
    assert detector["notReady"] == 0, "detect() was given a video not yet playing"
    assert tab.page.locator("#door").get_attribute("data-decoder") == "BarcodeDetector"
    assert jsqr_requests(tab) == []
    registration.refresh_from_db()
    assert registration.checked_in_at is not None


def test_barcode_detector_without_qr_codes_gives_way_to_jsqr(
    camera_page, reception, register, door_user
):
    registration = register(reception, confirm=True)
    tab = camera_page(
        registration.reference,
        fake_barcode_detector("not used", formats=("ean_13", "code_128")),
    )
    log_in(tab, door_url(reception))
    result = start_camera(tab)

    expect(result).to_have_attribute("data-result", "checked_in", timeout=15_000)
    assert tab.page.evaluate("window.fakeDetector.calls") == 0
    assert len(jsqr_requests(tab)) == 1


def test_barcode_detector_that_keeps_failing_gives_way_to_jsqr(
    camera_page, reception, register, door_user
):
    registration = register(reception, confirm=True)
    tab = camera_page(
        registration.reference, fake_barcode_detector("not used", broken=True)
    )
    log_in(tab, door_url(reception))
    result = start_camera(tab)

    expect(result).to_have_attribute("data-result", "checked_in", timeout=15_000)
    assert tab.page.evaluate("window.fakeDetector.calls") >= 1
    assert len(jsqr_requests(tab)) == 1


# --- Two phones at the same door ------------------------------------------------


@pytest.fixture
def phones(browser, site, door_user):
    """Two phones (browser contexts of their own), each logged in as a member of
    the reception staff: `door` on the first, `door2` on the second."""
    second = get_user_model().objects.create_user(
        "door2", password=PASSWORD, is_staff=True
    )
    second.user_permissions.add(
        Permission.objects.get(codename="check_in_registration")
    )
    contexts, tabs = [], []
    for username in ("door", "door2"):
        context = browser.new_context(viewport={"width": 390, "height": 844})
        tab = BrowserPage(context.new_page(), site.url)
        tab.username = username
        contexts.append(context)
        tabs.append(tab)
    yield tabs
    for context in contexts:
        context.close()
    for tab in tabs:
        tab.assert_clean()


def phone_log_in(tab, url):
    tab.goto(url)
    tab.fill("Username", tab.username)
    tab.fill("Password", PASSWORD)
    tab.page.locator("input[type=submit]").click()
    expect(tab.page.locator("#door")).to_have_attribute("data-ready", "true")


def type_reference(tab, reference):
    tab.page.locator("#door-q").fill(reference)
    tab.page.locator("#door-q").press("Enter")


# The counters poll every 5 s: another phone's check-in shows within this.
CATCH_UP_MS = 12_000


def test_two_phones_agree_on_a_check_in_and_its_undo(phones, reception, register):
    reception.capacity = 5
    reception.save()
    ana = register(reception, confirm=True, first_name="Ana")
    register(reception, confirm=True, first_name="Bo")
    phone_a, phone_b = phones
    for phone in phones:
        phone_log_in(phone, door_url(reception))
    counts_b = phone_b.page.locator("#door-counts")
    expect(counts_b).to_have_text("0 checked in out of 2 confirmed")

    type_reference(phone_a, ana.reference)
    expect(phone_a.page.locator("#door-result")).to_have_attribute(
        "data-result", "checked_in"
    )
    # Phone B, untouched, catches up without a reload.
    expect(counts_b).to_have_text(
        "1 checked in out of 2 confirmed", timeout=CATCH_UP_MS
    )

    type_reference(phone_b, ana.reference)
    result_b = phone_b.page.locator("#door-result")
    expect(result_b).to_have_attribute("data-result", "already")
    expect(result_b).to_contain_text("Already checked in at")
    expect(result_b).to_contain_text(ana.full_name)
    ana.refresh_from_db()
    assert ana.checked_in_by.username == "door"

    phone_a.page.get_by_role("button", name="Undo this check-in").click()
    expect(phone_a.page.locator("#door-result")).to_contain_text("Check-in undone")
    expect(counts_b).to_have_text(
        "0 checked in out of 2 confirmed", timeout=CATCH_UP_MS
    )


def test_two_phones_offline_with_the_same_ticket_check_it_in_once(
    phones, reception, register
):
    ana = register(reception, confirm=True, first_name="Ana")
    phone_a, phone_b = phones
    for phone in phones:
        phone_log_in(phone, door_url(reception))
        phone.expect_console_error(r"ERR_INTERNET_DISCONNECTED")
        phone.page.context.set_offline(True)
        type_reference(phone, ana.reference)
        expect(phone.page.locator("#door-queue")).to_contain_text(
            "Waiting to send: 1 scan"
        )
        expect(phone.page.locator("#door-result")).to_have_attribute(
            "data-result", "queued"
        )
    ana.refresh_from_db()
    assert ana.checked_in_at is None

    phone_a.page.context.set_offline(False)
    expect(phone_a.page.locator("#door-result")).to_have_attribute(
        "data-result", "checked_in", timeout=CATCH_UP_MS
    )
    phone_b.page.context.set_offline(False)
    result_b = phone_b.page.locator("#door-result")
    expect(result_b).to_have_attribute("data-result", "already", timeout=CATCH_UP_MS)
    expect(result_b).to_contain_text("Already checked in at")

    for phone in phones:
        expect(phone.page.locator("#door-queue")).to_be_hidden()
        expect(phone.page.locator("#door-counts")).to_have_text(
            "1 checked in out of 1 confirmed"
        )
    ana.refresh_from_db()
    assert ana.checked_in_by.username == "door"


def axe_violations(tab):
    results = Axe().run(
        tab.page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_TAGS},
            "resultTypes": ["violations"],
        },
    )
    return [
        f"{v['id']}: {[' '.join(n['target']) for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
    ]


def test_every_answer_of_the_door_page_passes_axe(page, reception, register, door_user):
    registration = register(reception, confirm=True)
    log_in(page, door_url(reception))
    result = page.page.locator("#door-result")

    def check(answer):
        expect(result).to_have_attribute("data-result", answer)
        page.page.wait_for_timeout(500)  # the answer's flash is over
        assert axe_violations(page) == [], answer

    check("idle")
    type_reference(page, registration.reference)
    check("checked_in")
    type_reference(page, registration.reference.lower())
    check("already")
    page.page.get_by_role("button", name="Undo this check-in").click()
    check("undone")
    type_reference(page, "DJ-AAAAA-AAAAA")
    check("unknown")
    page.expect_console_error(r"ERR_INTERNET_DISCONNECTED")
    page.page.context.set_offline(True)
    type_reference(page, "DJ-AAAAA-AAAAB")
    check("queued")
