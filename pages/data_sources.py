"""Data and sources: the whole figure catalogue, the 55 trusts, sources, definitions and method.

Plain HTML tables (psw_dash/page/tables.py), not canvas grids: screen readers can read them, and they load fast.
"""
import streamlit as st

from psw_dash import paths
from psw_dash.export import open_data_offer
from psw_dash.page import downloads, layout, state, tables
from psw_dash.reading import catalogue, data

layout.start_page("Data and sources")
layout.prose("data_sources")  # the catalogue described by counts filled in from the data

layout.heading("Figure catalogue")
search = st.text_input("Search the figures (id, measure, category or note)", key="q", bind="query-params")
state.known_values("topic", set(data.figures()["topic"]), "every topic")
topics = st.multiselect("Topics", sorted(data.figures()["topic"].unique()), key="topic", bind="query-params")
shown = catalogue.search(data.figures(), search, topics)
pages = catalogue.pages(len(shown))
if len(pages) > 1:
    if st.session_state.get("catalogue-page") not in pages:  # a narrower search has fewer pages: start again
        st.session_state["catalogue-page"] = 1
    page = st.segmented_control("Rows listed", list(pages), format_func=pages.get, key="catalogue-page",
                                required=True)
else:
    page = 1
listed = catalogue.page_of(shown, page)
st.markdown(f"{len(shown)} of {len(data.figures())} figures match; {int(shown['derived'].sum())} derived or modelled "
            f"(computed here, method in the note). "
            + (f"Listed here: rows {pages[page]}, {catalogue.ROWS_LISTED} at a time (pick more rows above, or "
               "search or pick topics to narrow the list); the download holds every match."
               if len(pages) > 1 else ""))
st.html(tables.table_html(catalogue.for_display(listed)))
downloads.csv_button("Download these figures (CSV)", lambda: downloads.safe_csv(shown), "psw-figures.csv",
                     "download-catalogue")
open_data_offer.section()  # every table as a spreadsheet and a data package, and their fixed addresses

trusts = data.trusts()
layout.heading(f"The {len(trusts)} participating trusts")
# Closed until opened: its 55 rows are then laid out only for a reader who asks for them.
st.html(tables.disclosed(f"The list of {len(trusts)} trusts, with their ODS codes and NHS regions",
                         tables.table_html(trusts.rename(columns=catalogue.TRUST_COLUMNS))))
downloads.csv_button("Download the trust list (CSV)", lambda: downloads.safe_csv(trusts),
                     "psw-participating-trusts.csv", "download-trusts")

layout.prose("about")
layout.heading("Sources and licences")
layout.markdown(data.text_file(paths.DATA_DIR / "SOURCES.md").split("\n", 2)[2])
