"""Hypothesis settings for the reliability suite, and a counter of the examples that ran.

CI runs a fixed, derandomized number of examples per property (profile ``ci``); the long fuzz
run is the same tests with many more random examples::

    WENFENG_FUZZ=long .venv/bin/pytest tests/reliability -p no:cacheprovider

``WENFENG_FUZZ_EXAMPLES=N`` overrides the per-property count of either profile.  The terminal
summary prints how many examples ran (see ``conftest.py``).
"""

from __future__ import annotations

import os
from collections import Counter

from hypothesis import HealthCheck, settings

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
          HealthCheck.large_base_example, HealthCheck.function_scoped_fixture]

settings.register_profile(
    "ci", max_examples=60, deadline=None, derandomize=True, database=None,
    suppress_health_check=_QUIET, print_blob=True,
)
settings.register_profile(
    "long", max_examples=5000, deadline=None, derandomize=False,
    suppress_health_check=_QUIET, print_blob=True,
)

PROFILE = os.environ.get("WENFENG_FUZZ", "ci")
if PROFILE not in ("ci", "long"):
    raise SystemExit(f"WENFENG_FUZZ 只能是 ci 或 long（现为 {PROFILE!r}）")
settings.load_profile(PROFILE)
if os.environ.get("WENFENG_FUZZ_EXAMPLES"):
    settings.register_profile("override", parent=settings.get_profile(PROFILE),
                              max_examples=int(os.environ["WENFENG_FUZZ_EXAMPLES"]))
    settings.load_profile("override")

#: examples run per test, filled in by the tests themselves (printed in the terminal summary)
EXAMPLES: Counter[str] = Counter()


def scaled(n: int) -> int:
    """A per-test example count relative to the profile's default (for the slow properties)."""
    base = settings.default.max_examples
    return max(5, n * base // 60)
