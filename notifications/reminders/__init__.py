"""Deadline reminders: the daily sweep over reporting periods and plan tasks (see sweep.py)."""
