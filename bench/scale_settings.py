"""The production settings, with the benchmark's floor view added to the URLs
(bench/scale.py serves the app with these, for the run only)."""

from emulation.settings import *  # noqa: F403 — the production settings, unchanged but for the URLs

ROOT_URLCONF = "bench.scale_urls"
