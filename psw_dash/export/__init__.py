"""Taking the dashboard away: the briefing pack PDF (pack.py), the slides PPTX (slides.py), both made on request
and kept per data version (on_request.py, kept.py) and offered together (panel.py, slides_offer.py), and the open
data's download buttons and fixed addresses (open_data_offer.py). The framed chart images, and the one headless
Chromium session that draws them and prints the pack, are in charts/ (images.py, image_browser.py).
"""
