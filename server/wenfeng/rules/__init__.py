"""The rules engine: compiled rule sets and ``check(document, settings) -> Report``."""
