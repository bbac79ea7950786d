"""Driving Debian's chromium with Playwright: the browser tests' shared pieces.

Without a browser the tests are skipped, unless ``CLAIMTRACK_BROWSER_REQUIRED`` is set (as
``.ci/run`` does), when they fail instead. Screenshots go to ``ARTIFACTS``.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

PASSWORD = "a browser test password 1"
ARTIFACTS = Path(os.environ.get("CLAIMTRACK_ARTIFACTS_DIR", settings.BASE_DIR / "test-artifacts"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")


def unavailable(reason: str):
    if os.environ.get("CLAIMTRACK_BROWSER_REQUIRED"):
        pytest.fail(f"The browser test is required here: {reason}")
    pytest.skip(reason)


def launched_browser():
    """A headless chromium for the duration of a ``with`` or a fixture's ``yield from``."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed (pip install -r requirements-dev.txt).")
    executable = chromium_path()
    if executable is None:
        unavailable("No chromium found: apt-get install chromium, or set CHROMIUM_PATH.")
    # Playwright runs an event loop in this thread; the test's own database calls are
    # synchronous and safe (the live server answers from its own thread).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=executable, headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
