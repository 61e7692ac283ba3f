"""Accessibility statement: the form the UK public sector accessibility regulations expect (prose in content/)."""
import streamlit as st

from psw_dash import content, layout, settings

layout.start_page("Accessibility statement")
st.html(content.as_html(content.prose("accessibility").replace("{contact}", settings.accessibility_contact_text())))
