"""Floor page one: a title and one small bar chart."""
import plotly.graph_objects as go
import streamlit as st

st.title("One")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c", "d"], y=[1, 3, 2, 4])), key="one")
