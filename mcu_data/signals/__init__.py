"""Signals the regulation asks for beyond counting: answer quality, the incident pair matcher (conflicts to follow)."""
