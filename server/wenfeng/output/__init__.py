"""Report formatters (pure functions of reports): text, JSON, SARIF; Word comments in docx.py."""
