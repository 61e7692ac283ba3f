"""Fixtures shared by more than one test layer."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from devtools import serve


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium, one for the whole run. It lives here, not in tests/e2e, because the image
    test (tests/deploy) drives it too, and Playwright's sync API cannot run two instances in one thread: a
    second copy of this fixture (imported into a test module) failed every browser test that came after it."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=serve.chromium_path(), args=serve.CHROMIUM_ARGS)
        yield browser
        browser.close()
