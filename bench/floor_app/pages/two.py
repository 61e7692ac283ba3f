"""Floor page two: a title and one small bar chart."""
import plotly.graph_objects as go
import streamlit as st

st.title("Two")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c", "d"], y=[4, 2, 3, 1])), key="two")
