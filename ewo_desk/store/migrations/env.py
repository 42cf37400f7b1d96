"""Alembic environment: runs only on the connection the vault hands over (the key never reaches
alembic's config). Batch mode because SQLite cannot ALTER most things in place."""

from alembic import context

from ewo_desk.store.schema import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
