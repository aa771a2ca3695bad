"""Capstone: a multi-agent "reasoning" system and a concurrency dashboard.

Entry points (run from the folder that contains this package):

    python3 -m capstone.racy       # the version with the textbook races
    python3 -m capstone.fixed      # the same program, made correct
    python3 -m capstone.dashboard  # sequential vs threads vs processes

All of them accept ``--size small|medium``.
"""

SIZES = ("small", "medium")
