"""serve.wait_until_drawn, which every browser test and the benchmark use to say a page is drawn."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from devtools import serve

PAGE = """<div data-testid="stApp" data-test-script-state="notRunning">
  <div style="display: none"><div data-testid="stSkeleton"></div></div>
  <div id="main">{main}</div>
</div>"""


@pytest.fixture
def tab(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def test_a_skeleton_out_of_sight_does_not_hold_the_page(tab):
    """The warm-up's hidden widgets (psw_dash/page/preload.py) show a skeleton while their code arrives; no reader
    sees it."""
    tab.set_content(PAGE.format(main="<p>drawn</p>"))
    serve.wait_until_drawn(tab, 0, timeout_ms=2_000)


def test_a_skeleton_on_screen_holds_the_page(tab):
    tab.set_content(PAGE.format(main='<div data-testid="stSkeleton" style="height: 20px"></div>'))
    with pytest.raises(PlaywrightTimeout):
        serve.wait_until_drawn(tab, 0, timeout_ms=1_000)
