"""Pure view functions, one per page: they return what the page draws and never import streamlit."""
