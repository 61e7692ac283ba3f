"""The package's sources and licences, read from data/SOURCES.md, where they are said once.

The documents' table gives each transcribed file's document and licence ("not stated ..." where the
document states none: that is published as it stands, never replaced by a guessed licence); the
reference data's heading names its licence (the Open Government Licence v3.0) and the attribution
lines that travel with any copy follow it. A SOURCES.md whose tables lose their shape stops the build
with a message naming what is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from psw_dash import paths

SOURCES_MD = paths.DATA_DIR / "SOURCES.md"
DOCUMENTS_HEADING = "Documents"
REFERENCE_HEADING = "Reference data"
# The Open Government Licence's SPDX identifier and its page: how a Data Package names a licence.
OGL = {"name": "OGL-UK-3.0", "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}


@dataclass(frozen=True)
class Source:
    file: str  # the transcribed file in data/source/ (or data/source/reference/)
    title: str  # the document or dataset, as SOURCES.md describes it
    licence: str  # as SOURCES.md states it


@dataclass(frozen=True)
class Sources:
    documents: tuple[Source, ...]
    reference: tuple[Source, ...]
    reference_licence: str  # the reference data's licence, from its heading
    attribution: tuple[str, ...]  # the lines that travel with any copy


def _plain(cell: str) -> str:
    """Markdown cell text as plain text: no emphasis, no code ticks."""
    return re.sub(r"[*`]", "", cell).strip()


def _sections(text: str) -> dict[str, str]:
    parts = re.split(r"^## +(.+)$", text, flags=re.MULTILINE)
    return {heading.strip(): body for heading, body in zip(parts[1::2], parts[2::2], strict=True)}


def _table_rows(body: str) -> list[list[str]]:
    rows = [line.strip().strip("|").split("|") for line in body.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row] for row in rows[2:]]  # after the header and its rule


def read(path: Path = SOURCES_MD) -> Sources:
    sections = _sections(path.read_text(encoding="utf-8"))
    documents = next((body for heading, body in sections.items() if heading.startswith(DOCUMENTS_HEADING)), None)
    reference = next(
        ((heading, body) for heading, body in sections.items() if heading.startswith(REFERENCE_HEADING)), None
    )
    if documents is None or reference is None:
        raise ValueError(
            f"{path.name}: the sections '## {DOCUMENTS_HEADING} ...' and '## {REFERENCE_HEADING} "
            "(licence)' are needed for the open data's sources and licences"
        )
    heading, body = reference
    licence = re.search(r"\((.+)\)", heading)
    if licence is None:
        raise ValueError(f"{path.name}: the heading '## {heading}' names no licence in brackets")
    document_rows = _table_rows(documents)
    if not document_rows or any(len(row) != 4 for row in document_rows):
        raise ValueError(f"{path.name}: the documents' table needs 4 columns (file, document, cited as, licence)")
    attribution = re.findall(r"^- (.+)$", body.partition("Attribution lines")[2], flags=re.MULTILINE)
    return Sources(
        documents=tuple(Source(_plain(row[0]), _plain(row[1]), _plain(row[3])) for row in document_rows),
        reference=tuple(Source(_plain(row[0]), _plain(row[1]), licence.group(1)) for row in _table_rows(body)),
        reference_licence=licence.group(1),
        attribution=tuple(attribution),
    )
