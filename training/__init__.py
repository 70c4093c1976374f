"""Python training code (run with /usr/bin/python3 from the repository root)."""
