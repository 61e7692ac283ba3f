"""Data and sources: what the words mean, the whole figure catalogue, the 55 trusts, definitions, method, the
sources by title, and the technical notes.

Plain HTML tables (psw_dash/page/tables.py), not canvas grids: screen readers can read them, and they load fast.
"""

import streamlit as st

from psw_dash.page import content, downloads, glossary, layout, state, tables
from psw_dash.reading import catalogue, data

layout.start_page("Data and sources")
glossary.on_glossary_page()  # the terms are explained here in full: no links from this page to itself
layout.prose("data_sources")  # the catalogue described by counts filled in from the data
layout.downloads_link()  # every table as a spreadsheet and a data package, and their fixed addresses

layout.heading("Words used in this dashboard")
st.html(glossary.glossary_html())

layout.heading("Figure catalogue")
search = st.text_input("Search the figures (id, measure, category or note)", key="q", bind="query-params")
state.known_values("topic", set(data.figures()["topic"]), "every topic")
topics = st.multiselect("Topics", sorted(data.figures()["topic"].unique()), key="topic", bind="query-params")
shown = catalogue.search(data.figures(), search, topics)
pages = catalogue.pages(len(shown))
if len(pages) > 1:
    if st.session_state.get("catalogue-page") not in pages:  # a narrower search has fewer pages: start again
        st.session_state["catalogue-page"] = 1
    chosen = st.segmented_control(
        "Rows listed", list(pages), format_func=lambda listed: pages[listed], key="catalogue-page", required=True
    )
    page = chosen if chosen is not None else 1  # required=True: always one; the type does not know it
else:
    page = 1
listed = catalogue.page_of(shown, page)
st.markdown(
    f"{len(shown)} of {len(data.figures())} figures match; {int(shown['derived'].sum())} derived or modelled "
    f"(worked out here, method in the note). "
    + (
        f"Listed here: rows {pages[page]}, {catalogue.ROWS_LISTED} at a time (pick more rows above, or "
        "search or pick topics to narrow the list); the download holds every match."
        if len(pages) > 1
        else ""
    )
)
st.html(tables.table_html(catalogue.for_display(listed)))
downloads.csv_button(
    "Download these figures (CSV)", lambda: downloads.safe_csv(shown), "psw-figures.csv", "download-catalogue"
)

trusts = data.trusts()
layout.heading(f"The {len(trusts)} participating trusts")
# Closed until opened: its 55 rows are then laid out only for a reader who asks for them.
st.html(
    tables.disclosed(
        f"The list of {len(trusts)} trusts, with their ODS codes and NHS regions",
        tables.table_html(trusts.rename(columns=catalogue.TRUST_COLUMNS)),
    )
)
downloads.csv_button(
    "Download the trust list (CSV)",
    lambda: downloads.safe_csv(trusts),
    "psw-participating-trusts.csv",
    "download-trusts",
)

layout.prose("about")
st.html(
    tables.disclosed(
        "How each derived and modelled figure is worked out", tables.table_html(catalogue.methods(data.figures()))
    )
)
layout.heading("Sources and licences")
st.html(tables.table_html(catalogue.documents()))
layout.markdown(catalogue.attribution())
layout.heading("Technical notes")
st.html(
    tables.disclosed(
        "How the tables are made and checked, the map, the trust codes",
        content.as_html(content.fill(content.prose("data_sources_technical"))),
    )
)
