"""Alembic migrations of Dari's database, shipped inside the package."""
