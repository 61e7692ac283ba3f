"""Reading what the build wrote: data.py (the one loader, cached per file version) and the figure catalogue."""
