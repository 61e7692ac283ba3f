"""A reader's own counts beside the 2019 figures: the upload panels (local mode only) and the readers of their files."""
