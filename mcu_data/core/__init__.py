"""Codes, labels, settings and the definitions every figure is computed by: no store, no streamlit."""
