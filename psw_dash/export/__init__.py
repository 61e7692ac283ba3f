"""Taking the dashboard away: the briefing pack PDF (pack.py) and its buttons (panel.py), and the open data's
download buttons and fixed addresses (open_data_offer.py). The framed chart images, and the one headless Chromium
session that draws them and prints the pack, are in charts/ (images.py, image_browser.py).
"""
