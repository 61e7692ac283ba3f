"""What a reader sees when a page fails: a friendly message, never a traceback; one log line for the host.

Streamlit's own error box (even with client.showErrorDetails = "none") names the exception. A hosted
copy should show neither code nor internals, and its operators need one line per failure in the
container log (stdout), with the page and the exception's type, that a log collector can count.
"""

from __future__ import annotations

import sys
import traceback
from datetime import UTC, datetime

import streamlit as st

from psw_dash import settings

MESSAGE = (
    "**This page could not be shown.** Nothing is wrong with your computer or your connection. "
    "Please reload the page, or choose another page from the menu. If it keeps happening, tell the "
    "team that hosts this dashboard which page it was."
)


class TestOnlyFailure(RuntimeError):
    """Raised by trigger_if_asked(): a page failure that the browser tests ask for."""


def trigger_if_asked() -> None:
    """Fail this run on purpose, only when the server runs with the test-only trigger switched on."""
    if settings.failure_trigger_enabled() and st.query_params.get(settings.FAILURE_TRIGGER_PARAM) == "1":
        raise TestOnlyFailure("failure requested by a test")


def log_line(page: str, error: BaseException) -> str:
    """One line, no newlines: when, where, what kind; the message is cut so no data leaks into logs."""
    where = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
    at = f" at {where.filename.rsplit('/', 1)[-1]}:{where.lineno}" if where else ""
    message = " ".join(str(error).split())[:120]
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"{stamp} psw-dash page-failure page={page!r} error={type(error).__name__}{at} message={message!r}"


def run_guarded(page) -> None:
    """Run a st.navigation page; on an exception show MESSAGE and log one line (Streamlit's own stop and
    rerun signals are BaseExceptions, so they pass through untouched)."""
    try:
        trigger_if_asked()
        page.run()
    except Exception as error:  # noqa: BLE001 - every failure a reader could meet ends here
        print(log_line(getattr(page, "url_path", "") or "overview", error), file=sys.stdout, flush=True)
        st.error(MESSAGE, icon=":material/error:")
        if settings.mode() != settings.HOSTED:
            st.exception(error)  # on one's own computer the details help; a hosted copy never shows them
