"""The hosted, read-only copy: one replica's entry point, the nginx config in front, and a local run."""
