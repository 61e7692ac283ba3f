"""Helpers for the tests and the bench, kept out of the runtime package and the image."""
