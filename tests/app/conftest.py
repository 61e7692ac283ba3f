"""AppTest runs of the real app: main script first, then the page, as a browser would."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from psw_dash import paths


@pytest.fixture
def open_page():
    def run(page: str, **query: str) -> AppTest:
        app = AppTest.from_file(str(paths.ROOT / "app.py"), default_timeout=60)
        for key, value in query.items():
            app.query_params[key] = value
        app.run()
        app.switch_page(f"pages/{page}.py").run()
        assert not app.exception, [e.value for e in app.exception]
        return app

    return run
