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
