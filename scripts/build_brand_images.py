"""Render the PNG brand images from HTML with Debian's Chromium (run by hand).

    .venv/bin/python scripts/build_brand_images.py

Writes static/img/og-image-fr.png and og-image-en.png (1200x630, the default
sharing card of each language) and
static/img/apple-touch-icon.png (180x180, from favicon.svg). The outputs are
committed; nothing here runs when the site does.
"""

from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
IMG = ROOT / "static" / "img"
MARK = (IMG / "favicon.svg").read_text()

CARD_TEXT = {
    "fr": ("Relations internationales", "Villes jumelles · Europe · Jeunesse"),
    "en": ("International relations", "Twin towns · Europe · Youth"),
}
CARD = f"""<!doctype html><html><head><style>
body {{ margin: 0; width: 1200px; height: 630px; display: flex; flex-direction: column;
  justify-content: center; padding: 0 90px; box-sizing: border-box;
  background: #8a1538; color: #fff; font-family: "DejaVu Sans", sans-serif;
  border-bottom: 18px solid #b5892e; }}
svg {{ width: 120px; height: 120px; border: 4px solid #fff; border-radius: 22px; }}
h1 {{ font-family: "DejaVu Serif", serif; font-size: 96px; margin: 40px 0 10px; }}
p {{ font-size: 38px; margin: 0; letter-spacing: 0.06em; text-transform: uppercase; }}
small {{ display: block; margin-top: 26px; font-size: 30px; opacity: 0.9; }}
</style></head><body>{MARK}<h1>Dijon</h1><p>{{title}}</p>
<small>{{tagline}}</small></body></html>"""

ICON = f"""<!doctype html><html><head><style>
body {{ margin: 0; width: 180px; height: 180px; background: #8a1538; }}
svg {{ width: 180px; height: 180px; display: block; }}
</style></head><body>{MARK.replace('rx="6"', 'rx="0"')}</body></html>"""


def main():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        cards = [
            (
                CARD.replace("{title}", title).replace("{tagline}", tagline),
                (1200, 630),
                f"og-image-{code}.png",
            )
            for code, (title, tagline) in CARD_TEXT.items()
        ]
        for html, size, name in [*cards, (ICON, (180, 180), "apple-touch-icon.png")]:
            page = browser.new_page(viewport={"width": size[0], "height": size[1]})
            page.set_content(html)
            page.screenshot(path=str(IMG / name))
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
