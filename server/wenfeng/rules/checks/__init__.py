"""Named checks (``kind = "check"``, ``check = "…"`` in a rule table), one small module per topic.

:mod:`.base` says what a check is; :mod:`.registry` lists them all.  Importing this package
registers nothing by itself.
"""
