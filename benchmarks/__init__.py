"""Benchmarks (``make bench``): synthetic data builders and side-by-side timings.

Each benchmark times a production path against a simple baseline in the same process, checks
that both give the same answers, and prints ratios; docs/benchmarks.md records the figures.
"""

# Version of the data ``benchmarks.synthetic`` generates; it is part of the cached database's
# file name, so bump it whenever the generated catalog changes. Kept here because the file
# name is needed before Django (which synthetic.py imports) is set up.
GENERATOR_VERSION = 4
