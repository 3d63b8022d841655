"""Alembic environment: the URL comes from warehouse.db, versions live in ops.alembic_version."""

from alembic import context
from sqlalchemy import create_engine, text

url = context.config.get_main_option("sqlalchemy.url")
engine = create_engine(url)
with engine.connect() as connection:
    connection.execute(text("create schema if not exists ops"))
    connection.commit()
    context.configure(connection=connection, version_table_schema="ops", transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()
engine.dispose()
