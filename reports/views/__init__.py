"""Views of the reports app: periods and completeness (periods.py), a unit's report (reports.py),
the consolidated report (summary.py)."""
