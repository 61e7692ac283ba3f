"""Plotly figures from tidy tables, with no Streamlit inside: the builders, the map, the theme, label widths, the
figure as the browser gets it, colour contrast, and the framed PNG and SVG images."""
