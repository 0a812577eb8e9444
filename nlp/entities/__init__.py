"""Recognisers for the spans a task carries: departments, deadlines, campaigns."""
