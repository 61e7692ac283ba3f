"""The panels where a user adds their own PSW counts, by region or by date (local mode only)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from psw_dash import settings
from psw_dash.own_files import national_upload, regional
from psw_dash.page import downloads, state, untrusted


def own_counts_panel(regions: pd.DataFrame) -> pd.DataFrame | None:
    """Template download, upload and checks. Returns the counts only when every row passed.

    Shown only when asked for (?own=show): most readers never upload, and an idle uploader still
    costs every visit its loading time. In hosted mode it is never drawn, whoever calls it.
    """
    if not settings.uploads_allowed():
        switched_off_note()
        return None
    if not state.flag("Your own PSW counts by region (user-supplied; kept only in this browser session)", "own"):
        return None
    with st.container(border=True, key="own-counts-panel"):
        st.markdown(
            "The report published no count of PSWs by region. If you hold counts, add them here to map "
            "them per 100,000 population and against the modelled share of the target. Use the template: "
            "one row per region, with its code or name, the count and the period it refers to."
        )
        downloads.csv_button(
            "Download the template CSV",
            lambda: regional.template_csv(regions),
            "psw-counts-by-region.csv",
            "download-template",
        )
        upload = st.file_uploader("Your CSV (region, count, period)", type=["csv"], key="own-counts")
        if upload is None:
            return None
        try:
            counts = regional.read_upload(upload.getvalue(), regions)
        except regional.UploadError as problem:
            # The file's name, like its cells, is the user's text: shown as code, never as Markdown.
            _not_loaded(f"The file {untrusted.code(upload.name)}", problem)
            return None
        st.success(
            f"Loaded {len(counts)} region(s) from {untrusted.code(upload.name)}. Their measures are marked "
            "user-supplied.",
            icon=":material/check_circle:",
        )
        return counts


def _not_loaded(subject: str, problem: regional.UploadError) -> None:
    """Every problem of a refused file at once; the messages show its cells only through untrusted.code."""
    st.error(
        f"**{subject} was not loaded.** Nothing from it is shown. Please correct:\n\n"
        + "\n".join(f"- {message}" for message in problem.messages),
        icon=":material/error:",
    )


def switched_off_note() -> None:
    """The hosted, read-only copy reads no user files: say so where the upload would be."""
    st.markdown(
        "*Adding your own counts is switched off in this hosted, read-only copy; run the dashboard "
        "on your own computer to use it.*"
    )


# Kept for the session, so the Growth page can draw the counts loaded on the planner page.
NATIONAL_COUNTS = "own-national-counts"


def own_national_counts_panel() -> pd.DataFrame | None:
    """Template, upload and checks for a user's own headcounts by date; the counts once every row passed.

    Shown only when asked for (?mine=show). Loaded counts stay for the session until cleared, so they
    can be drawn on the Growth page too; the shipped data is never changed. In hosted mode it is never
    drawn, whoever calls it.
    """
    if not settings.uploads_allowed():
        switched_off_note()
        return None
    if not state.flag("Your own headcounts by date (user-supplied; kept only in this browser session)", "mine"):
        return st.session_state.get(NATIONAL_COUNTS)
    with st.container(border=True, key="own-national-panel"):
        st.markdown(
            "Hold a newer national count, or your own organisation's? Add it here to see it against the "
            "modelled path and on the Growth page, marked user-supplied. Use the template: one row per "
            "count, with its date (YYYY-MM-DD), the headcount, and what it covers (for example England)."
        )
        downloads.csv_button(
            "Download the template CSV",
            national_upload.template_csv,
            "psw-headcounts.csv",
            "download-national-template",
        )
        upload = st.file_uploader("Your CSV (date, headcount, scope)", type=["csv"], key="own-national")
        if upload is None:
            kept = st.session_state.get(NATIONAL_COUNTS)
            if kept is not None:
                st.markdown(f"Showing {len(kept)} count(s) you loaded earlier in this session.")
                if st.button("Clear your counts", key="clear-national"):
                    st.session_state.pop(NATIONAL_COUNTS, None)
                    st.rerun()
            return kept
        try:
            counts = national_upload.read_upload(upload.getvalue())
        except regional.UploadError as problem:
            st.session_state.pop(NATIONAL_COUNTS, None)
            _not_loaded("Your file", problem)
            return None
        st.session_state[NATIONAL_COUNTS] = counts
        st.success(f"Loaded {len(counts)} count(s). They are marked user-supplied.", icon=":material/check_circle:")
        return counts
