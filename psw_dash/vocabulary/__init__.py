"""Facts the build and the app both need, each said once: the source documents, how numbers are written, the
open data's addresses, a figure row's bound words, the census and target dates, reading the regions' GeoJSON.
No Streamlit, and nothing above it: the build and the app import it, never each other."""
