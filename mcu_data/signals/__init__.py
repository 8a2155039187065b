"""Signals the regulation asks for beyond counting: answer quality first (incidents and conflicts to follow)."""
