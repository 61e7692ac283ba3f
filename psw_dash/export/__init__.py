"""Charts that travel: framed chart images (images.py) and the briefing pack PDF (pack.py).

Both draw in one headless Chromium session (browser.py); the app offers them through panel.py.
"""
