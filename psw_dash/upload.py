"""The panel where a user adds their own PSW counts by region (local mode only)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from psw_dash import regional, settings, state


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
        st.markdown("The report published no count of PSWs by region. If you hold counts, add them here to map "
                    "them per 100,000 population and against the modelled share of the target. Use the template: "
                    "one row per region, with its code or name, the count and the period it refers to.")
        st.download_button("Download the template CSV", regional.template_csv(regions), file_name="psw-counts-by-region.csv",
                           mime="text/csv", icon=":material/download:", key="download-template")
        upload = st.file_uploader("Your CSV (region, count, period)", type=["csv"], key="own-counts")
        if upload is None:
            return None
        try:
            counts = regional.read_upload(upload.getvalue(), regions)
        except regional.UploadError as problem:
            st.error(f"**{upload.name} was not loaded.** Nothing from it is shown. Please correct:\n\n"
                     + "\n".join(f"- {message}" for message in problem.messages), icon=":material/error:")
            return None
        st.success(f"Loaded {len(counts)} region(s) from {upload.name}. Their measures are marked user-supplied.",
                   icon=":material/check_circle:")
        return counts


def switched_off_note() -> None:
    """The hosted, read-only copy reads no user files: say so where the upload would be."""
    st.markdown("*Adding your own counts is switched off in this hosted, read-only copy; run the dashboard "
                "on your own computer to use it.*")
