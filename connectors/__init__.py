"""Data arriving by connection rather than upload: a SQL database query, a CSV link."""
