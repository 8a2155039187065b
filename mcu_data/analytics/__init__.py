"""Figures computed by the store: overview, heat map, growth points, deadlines, rating."""
