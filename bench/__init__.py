"""`make bench`: the national-scale benchmark (generate.py builds the data, run.py measures)."""
