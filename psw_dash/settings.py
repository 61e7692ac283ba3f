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
CONTACT_NOT_SET = ("[Contact not set: the organisation hosting this copy must set "
                   f"{ACCESSIBILITY_CONTACT_ENV} to an email address or web page that it answers.]")


def accessibility_contact() -> str | None:
    value = os.environ.get(ACCESSIBILITY_CONTACT_ENV, "").strip()
    return value or None


def accessibility_contact_text() -> str:
    """The contact as the statement prints it, or the clearly marked placeholder when none is set."""
    return accessibility_contact() or CONTACT_NOT_SET
