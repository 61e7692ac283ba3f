"""The floor: the least a two-page Streamlit app with one Plotly chart a page can cost to load."""
import streamlit as st

navigation = st.navigation([
    st.Page("pages/one.py", title="One", default=True),
    st.Page("pages/two.py", title="Two"),
])
navigation.run()
