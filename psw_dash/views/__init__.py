"""Every view's charts as data (views.py: what the pages draw and the pack prints) and the chart frame around each
(frame.py)."""
