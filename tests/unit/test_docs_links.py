"""Every relative link and anchor in the README and docs/ resolves, so moving a section breaks no link.

Anchors are GitHub's: a heading's text in lower case, punctuation dropped, spaces as hyphens."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from psw_dash import paths

DOCUMENTS = [paths.ROOT / "README.md", *sorted((paths.ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)


def anchors(markdown: str) -> set[str]:
    """The anchors GitHub gives a document's headings (a repeated heading gets -1, -2, ...)."""
    seen: dict[str, int] = {}
    found = set()
    for line in FENCE.sub("", markdown).splitlines():
        heading = re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)
        if not heading:
            continue
        slug = re.sub(r"[^\w\- ]", "", heading.group(1).replace("`", "").lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.add(slug if count == 0 else f"{slug}-{count}")
    return found


def broken_links(document: Path) -> list[str]:
    """Each relative link of `document` whose file, or whose anchor in that file, does not exist."""
    text = FENCE.sub("", document.read_text(encoding="utf-8"))
    broken = []
    for target in LINK.findall(text):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # http:, https:, mailto: ... are not ours to resolve
            continue
        file_part, _, anchor = target.partition("#")
        linked = (document.parent / file_part).resolve() if file_part else document
        if not linked.exists():
            broken.append(f"{target}: no file {file_part}")
        elif anchor and linked.suffix == ".md" and anchor not in anchors(linked.read_text(encoding="utf-8")):
            broken.append(f"{target}: no heading #{anchor} in {file_part or document.name}")
    return broken


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.relative_to(paths.ROOT).as_posix())
def test_every_relative_link_and_anchor_resolves(document: Path) -> None:
    assert broken_links(document) == []


def test_the_readme_fits_on_a_screen_or_two() -> None:
    assert len((paths.ROOT / "README.md").read_text(encoding="utf-8").splitlines()) < 150


def test_a_moved_file_or_heading_is_caught(tmp_path: Path) -> None:
    (tmp_path / "other.md").write_text("# Other\n\n## The container image\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text(
        "[fine](other.md#the-container-image) [self](#top) [gone](moved.md) [anchor](other.md#kubernetes)\n"
        "# Top\n```\n[in a code block](ignored.md)\n```\n",
        encoding="utf-8",
    )
    assert broken_links(page) == [
        "moved.md: no file moved.md",
        "other.md#kubernetes: no heading #kubernetes in other.md",
    ]
