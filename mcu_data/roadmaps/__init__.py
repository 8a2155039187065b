"""Roadmap measures and the measured effect of the completed ones."""
