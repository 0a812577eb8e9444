"""Lexicons and patterns as data files (loaded once, read-only)."""
