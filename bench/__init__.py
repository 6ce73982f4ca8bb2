"""The benchmark of issue 15 (``make bench``, bench/run.py) and older single-purpose ones."""
