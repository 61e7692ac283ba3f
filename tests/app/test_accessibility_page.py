"""The accessibility statement: the parts the regulations expect, a contact only its host can give, true test names."""

from __future__ import annotations

import re

from psw_dash import paths, settings
from tests.helpers import all_text


def test_statement_has_the_parts_the_regulations_expect(open_page, monkeypatch):
    monkeypatch.delenv(settings.ACCESSIBILITY_CONTACT_ENV, raising=False)
    app = open_page("accessibility")
    text = all_text(app)
    assert app.title[0].value == "Accessibility statement"
    for part in (
        "How accessible this dashboard is",
        "Feedback and contact information",
        "Reporting accessibility problems",
        "Enforcement procedure",
        "Compliance status",
        "partially compliant",
        "Non-accessible content",
        "Preparation of this accessibility statement",
        "Equality and Human Rights Commission",
        "Equality Advisory and Support Service",
    ):
        assert part in text, part


def test_without_a_contact_set_the_page_shows_the_marked_placeholder_not_an_invented_address(open_page, monkeypatch):
    monkeypatch.delenv(settings.ACCESSIBILITY_CONTACT_ENV, raising=False)
    text = all_text(open_page("accessibility"))
    assert text.count(settings.CONTACT_NOT_SET) == 2
    assert re.findall(r"[\w.+-]+@[\w-]+\.[\w.]+", text) == []  # no address made up


def test_the_hosting_organisation_sets_the_contact(open_page, monkeypatch):
    monkeypatch.setenv(settings.ACCESSIBILITY_CONTACT_ENV, "accessibility@example.org")
    text = all_text(open_page("accessibility"))
    assert text.count("accessibility@example.org") == 2
    assert settings.CONTACT_NOT_SET not in text


# The statement names its tests in words (no page shows a file name); each of them exists.
DESCRIBED_TESTS = {
    "The accessibility browser tests": "tests/e2e/test_accessibility.py",
    "The chart contrast tests": "tests/unit/charts/test_contrast.py",
}


def test_every_test_the_statement_describes_exists_and_no_file_is_named():
    statement = (paths.CONTENT_DIR / "accessibility.md").read_text(encoding="utf-8")
    assert [words for words in DESCRIBED_TESTS if words not in statement] == []
    assert [name for name in DESCRIBED_TESTS.values() if not (paths.ROOT / name).is_file()] == []
    assert re.findall(r"`(tests/[\w/]+\.py)`", statement) == []
