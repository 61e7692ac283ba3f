"""The finishing a PDF printed by Chromium needs to declare PDF/UA-1: its page footer marked as an artifact, and
an XMP packet naming the standard, the title and the language.

Chromium tags what the HTML holds (generateTaggedPDF), but prints its page template (displayHeaderFooter: the
briefing pack's source line and "Page n of N") outside the tag tree: about five text objects a page in no
marked-content sequence, so a screen reader cannot tell them from the page's content, and PDF/UA-1 (7.1) asks
that every piece of content be either tagged or an artifact. CSS page-margin boxes (@page @bottom-left) are
printed the same way, untagged. A running footer is an artifact (PDF 1.7, 14.8.2.2: pagination), so each of those
text objects is wrapped in /Artifact << /Type /Pagination /Subtype /Footer >> BDC ... EMC. Chromium writes no XMP
metadata either, and PDF/UA-1 (5) declares conformance there (pdfuaid:part).

What this does not make true is said in docs/accessibility.md: pdfua checks 16 of PDF/UA-1's 106 machine-checkable
rules, and veraPDF, which checks them all, cannot be installed here.
"""

from __future__ import annotations

import io

import pikepdf

TEXT_SHOWING = {"Tj", "TJ", "'", '"'}
MARKED_CONTENT_START = {"BDC", "BMC"}
FOOTER = pikepdf.Dictionary(Type=pikepdf.Name.Pagination, Subtype=pikepdf.Name.Footer)


def footer_as_artifact(instructions: list) -> tuple[list, int]:
    """A page's content with each text object outside any marked-content sequence wrapped as a footer artifact,
    and how many were wrapped. A text object that opens marked content of its own is left as it is."""
    out, depth, wrapped, at = [], 0, 0, 0
    while at < len(instructions):
        operator = str(instructions[at].operator)
        if depth == 0 and operator == "BT":
            end = next(i for i in range(at, len(instructions)) if str(instructions[i].operator) == "ET")
            block = instructions[at : end + 1]
            names = {str(instruction.operator) for instruction in block}
            if names & TEXT_SHOWING and not names & MARKED_CONTENT_START:
                out += [
                    pikepdf.ContentStreamInstruction([pikepdf.Name.Artifact, FOOTER], pikepdf.Operator("BDC")),
                    *block,
                    pikepdf.ContentStreamInstruction([], pikepdf.Operator("EMC")),
                ]
                wrapped += 1
            else:
                out += block
            at = end + 1
            continue
        depth += operator in MARKED_CONTENT_START
        depth -= operator == "EMC"
        out.append(instructions[at])
        at += 1
    return out, wrapped


def finish(printed: bytes, title: str, language: str) -> bytes:
    """The printed PDF with its footer as artifacts and its XMP packet: PDF/UA-1, title, language, producer."""
    with pikepdf.open(io.BytesIO(printed)) as pdf:
        for page in pdf.pages:
            instructions, wrapped = footer_as_artifact(pikepdf.parse_content_stream(page))
            if wrapped:
                page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["pdfuaid:part"] = "1"
            meta["dc:title"] = title
            meta["dc:language"] = {language}  # an XMP bag
            meta["pdf:Producer"] = str(pdf.docinfo.get("/Producer", "Chromium"))
        pdf.Root.ViewerPreferences = pdf.Root.get("/ViewerPreferences", pikepdf.Dictionary())
        pdf.Root.ViewerPreferences.DisplayDocTitle = True
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()
