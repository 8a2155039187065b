"""Boundary layers and map builders; the only geography shipped is what sources verify."""
