"""Storage: models, engine and session helpers, repository functions, migrations."""
