"""Redo the manual's dashboard screenshots (docs/screenshots/) from a running API on the seed.

Usage: ``.venv/bin/python scripts/dashboard_screenshots.py [BASE_URL]`` (default http://127.0.0.1:8000),
with Debian's Chromium (``ORGNET_TEST_CHROMIUM`` to use another) and a CJK font installed
(``fonts-wqy-microhei``), else Chinese names are drawn as boxes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
SHOTS = [
    # (file, address, viewport, clip height or None for the viewport only, language)
    ("dashboard-peixian-time.png", "#/r/320322?m=household_linkage&d=2020-03-31&f=2020-02-01&t=2020-03-31", (1280, 900), 1500, "en"),
    ("dashboard-city-map.png", "#/r/320300?m=community_teams&d=2020-02-08", (1280, 900), 1000, "zh"),
    ("dashboard-phone.png", "#/r/320321?d=2020-03-31", (390, 844), None, "en"),
]


def main(base: str) -> None:
    chromium = os.environ.get("ORGNET_TEST_CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for name, where, (width, height), clip, lang in SHOTS:
            page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
            page.add_init_script(f"localStorage.setItem('orgnet-lang', '{lang}')")
            page.goto(f"{base}/{where}")
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(1500)  # ECharts draws after the data arrives
            if clip:
                page.screenshot(path=str(OUT / name), clip={"x": 0, "y": 0, "width": width, "height": clip}, full_page=True)
            else:
                page.screenshot(path=str(OUT / name))
            print(f"wrote docs/screenshots/{name}")
            page.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
