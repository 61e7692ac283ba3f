"""What every page is made of: the layout and menu, prose and headline templates, HTML tables, URL state, CSV
downloads, the warm-up, the failure message, a resumed session and the rule for untrusted text."""
