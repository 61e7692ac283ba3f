"""Plan to the target: the model, its cited defaults, the inputs, the words and tables, the chart, and the page's
own parts (screen.py)."""
