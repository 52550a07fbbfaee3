"""Streamlit-side helpers shared by app.py and the pages: state, caching, formatting, charts."""
