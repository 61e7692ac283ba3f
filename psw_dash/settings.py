"""Run-time settings read from the environment, defined once."""

import os

# PSW_DASH_MODE=hosted is the read-only public deployment: no uploads of users' own data.
MODE_ENV = "PSW_DASH_MODE"
HOSTED = "hosted"
LOCAL = "local"


def mode() -> str:
    value = os.environ.get(MODE_ENV, LOCAL).strip().lower()
    return HOSTED if value == HOSTED else LOCAL


def uploads_allowed() -> bool:
    return mode() != HOSTED


# Who to contact about accessibility problems with a hosted copy: only its hosting organisation knows,
# so it is set there (an email address or web page); the project itself publishes none.
ACCESSIBILITY_CONTACT_ENV = "PSW_DASH_ACCESSIBILITY_CONTACT"
CONTACT_NOT_SET = (
    "[Contact not set: the organisation hosting this copy must set "
    f"{ACCESSIBILITY_CONTACT_ENV} to an email address or web page that it answers.]"
)


def accessibility_contact() -> str | None:
    value = os.environ.get(ACCESSIBILITY_CONTACT_ENV, "").strip()
    return value or None


def accessibility_contact_text() -> str:
    """The contact as the statement prints it, or the clearly marked placeholder when none is set."""
    return accessibility_contact() or CONTACT_NOT_SET


# --- The hosted, read-only copy: every option it runs with, in one place ---------------------------
# The container image, `python dev.py serve-hosted` and the browser tests all start replicas through
# psw_dash.hosting.replica, which passes exactly these, so what is tested locally is what is deployed.
HOSTED_STREAMLIT_OPTIONS = {
    "server.headless": "true",
    # Streamlit's minimum (megabytes): the upload endpoint refuses anything real even if the proxy in
    # front of it were bypassed (the proxy answers 403 there, and no page offers an uploader).
    "server.maxUploadSize": "1",
    "server.fileWatcherType": "none",  # no watcher threads; the image's files never change
    "server.runOnSave": "false",
    "server.enableStaticServing": "false",  # nothing under /app/static is served
    "server.enableXsrfProtection": "true",
    "server.enableAgentApi": "false",
    "client.showErrorDetails": "none",  # a failing page shows psw_dash.page.failure's message, no traceback
    "client.toolbarMode": "viewer",
    "browser.gatherUsageStats": "false",
    "global.developmentMode": "false",
}

# The environment a hosted replica runs with: hosted mode, and no .pyc files written next to the code
# (the image's root filesystem is read-only; a replica writes nothing anywhere).
HOSTED_ENV = {MODE_ENV: HOSTED, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONUNBUFFERED": "1"}


def hosted_streamlit_args(port: int, address: str) -> list[str]:
    """The command-line options of one hosted replica listening on address:port."""
    options = {**HOSTED_STREAMLIT_OPTIONS, "server.port": str(port), "server.address": address}
    return [arg for name, value in options.items() for arg in (f"--{name}", value)]


# A page that fails on purpose, for the browser test of the failure message. Off unless this variable
# is "1" in the server's environment; only the tests set it (see psw_dash/page/failure.py).
FAILURE_TRIGGER_ENV = "PSW_DASH_TEST_FAILURE_TRIGGER"
FAILURE_TRIGGER_PARAM = "psw_test_failure"


def failure_trigger_enabled() -> bool:
    return os.environ.get(FAILURE_TRIGGER_ENV, "") == "1"
