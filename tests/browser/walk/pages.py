"""What a person does on a page in the year walk, as small helpers: press a button and look at
the page it leads to, read the page's text or an event's ledger, download a file with the tab's
session, read a PDF's text and check a certificate's QR code, fill a rating form.
"""

import base64
import io
import re
from urllib.parse import quote

from PIL import Image, ImageDraw
from pypdf import PdfReader


def signs_in_on_the_way(tab, person, password):
    """The person's first page asks them to log in and then opens (the login form's `next`), as
    when they follow a link from a notice: one page fewer than logging in at home first."""
    plain_go = tab.go

    def go(path: str, label: str | None = None):
        del tab.go  # from now on, the Visitor's own
        plain_go(f"/accounts/login/?next={quote(path)}", "login")
        tab.page.fill("input[name=username]", person.nip)
        tab.page.fill("input[name=password]", password)
        with tab.page.expect_navigation():
            tab.page.click("button[type=submit]")
        tab.page.wait_for_load_state()
        assert tab.page.url == tab.base + path, f"{person} did not arrive at {path}"
        tab.look(label or path)
        return tab.page

    tab.go = go
    return tab


def body(tab) -> str:
    return re.sub(r"\s+", " ", tab.page.inner_text("body"))


def press(tab, name: str, label: str, scope=None) -> str:
    """Click the button called `name` (exactly), wait for the page it leads to, look at it."""
    button = (scope or tab.page).get_by_role("button", name=name, exact=True)
    with tab.page.expect_navigation():
        button.click()
    tab.page.wait_for_load_state()
    tab.look(label)
    return body(tab)


def ledger(tab) -> dict[int, bool]:
    """The event page's steps 6-11 as {number: done}, read from the page's step list."""
    items = tab.page.locator("section[aria-labelledby=steps-h] li").all_inner_texts()
    return {int(text.split(".", 1)[0]): "Belum selesai" not in text for text in items}


def fetch(tab, path: str) -> bytes:
    """Download a file with the tab's session (its cookies), as the browser would."""
    response = tab.context.request.get(tab.base + path)
    assert response.ok, f"{path}: {response.status}"
    return response.body()


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF"), "not a PDF"
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def pdf_qr_matches(data: bytes, url: str) -> bool:
    """Whether the certificate's QR image is, module for module, the QR code of `url` (drawn
    as documents.certificates draws it): no QR decoder needed."""
    from documents.certificates import qr_data_uri

    def modules(image):
        return image.size, image.convert("L").point(lambda v: 255 if v > 128 else 0).tobytes()

    png = base64.b64decode(qr_data_uri(url).split(",", 1)[1])
    expected = modules(Image.open(io.BytesIO(png)))
    pages = PdfReader(io.BytesIO(data)).pages
    return any(modules(img.image) == expected for page in pages for img in page.images)


def choose_scores(tab, scores: list[int]) -> None:
    """Tick one radio button per criterion on a rating form, the scores in turn (a form with
    several presenters gets the same scores for each)."""
    names = tab.page.eval_on_selector_all(
        "input[type=radio]", "els => [...new Set(els.map(e => e.name))]"
    )
    assert names and len(names) % len(scores) == 0, names
    for n, name in enumerate(names):
        tab.page.check(f"input[name='{name}'][value='{scores[n % len(scores)]}']")


def fill_all(tab, selector: str, text: str) -> None:
    for box in tab.page.locator(selector).all():
        box.fill(text)


def photo_jpeg() -> bytes:
    image = Image.new("RGB", (960, 640), (24, 96, 160))
    draw = ImageDraw.Draw(image)
    draw.rectangle((80, 80, 880, 560), outline=(255, 255, 255), width=12)
    draw.text((120, 300), "Serawai", fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def nav(tab, item: str, label: str, menu: str | None = None):
    """Follow an item of the navigation bar (inside `menu`, unless None), opening a phone's
    collapsed bar first; look at the page it leads to."""
    bar = tab.page.get_by_role("navigation", name="Navigasi utama")
    toggler = bar.get_by_role("button", name="Buka menu")
    if toggler.is_visible():
        toggler.click()
    if menu:
        bar.get_by_role("button", name=menu).click()
    return follow(tab, bar.get_by_role("link", name=item, exact=True), label)


def follow(tab, link, label: str):
    """Click a link (a locator) and look at the page it opens."""
    with tab.page.expect_navigation():
        link.click()
    tab.page.wait_for_load_state()
    tab.look(label)
    return tab.page


def to_event(tab, event, label: str):
    """Back to the event's page through the breadcrumb of one of its pages."""
    crumbs = tab.page.locator("nav[aria-label='Remah roti']")
    return follow(tab, crumbs.locator(f"a[href='{event.get_absolute_url()}']"), label)
