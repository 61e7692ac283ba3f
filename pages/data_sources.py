"""Data and sources: the whole figure catalogue, the 55 trusts, sources, definitions and method.

Plain HTML tables (st.table), not canvas grids: screen readers can read them, and they load fast.
"""
import streamlit as st

from psw_dash import catalogue, content, data, frame, layout, paths, state

layout.start_page("Data and sources")
st.markdown(content.prose("data_sources"))

st.header("Figure catalogue")
search = st.text_input("Search the figures (id, measure, category or note)", key="q", bind="query-params")
state.known_values("topic", set(data.figures()["topic"]), "every topic")
topics = st.multiselect("Topics", sorted(data.figures()["topic"].unique()), key="topic", bind="query-params")
shown = catalogue.search(data.figures(), search, topics)
listed = shown.head(catalogue.ROWS_LISTED)
st.markdown(f"{len(shown)} of {len(data.figures())} figures match; {int(shown['derived'].sum())} derived "
            f"(computed here, method in the note). "
            + (f"The first {len(listed)} are listed: search or pick topics to narrow the list; the download "
               "holds every match." if len(listed) < len(shown) else ""))
st.table(catalogue.for_display(listed), hide_index=True)
st.download_button("Download these figures (CSV)", frame.safe_csv(shown), file_name="psw-figures.csv",
                   mime="text/csv", icon=":material/download:", key="download-catalogue")

trusts = data.trusts()
st.header(f"The {len(trusts)} participating trusts")
st.table(trusts.rename(columns=catalogue.TRUST_COLUMNS), hide_index=True)
st.download_button("Download the trust list (CSV)", frame.safe_csv(trusts), file_name="psw-participating-trusts.csv",
                   mime="text/csv", icon=":material/download:", key="download-trusts")

st.markdown(content.fill(content.prose("about")))
st.header("Sources and licences")
st.markdown(data.text_file(paths.DATA_DIR / "SOURCES.md").split("\n", 2)[2])
