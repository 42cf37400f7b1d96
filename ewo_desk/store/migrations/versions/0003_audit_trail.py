"""append-only, hash-chained audit trail

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_entry",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=40), nullable=False),
        sa.Column("payload", sa.Text(), nullable=True),
        sa.Column("payload_sha256", sa.String(length=64), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_entry")),
    )
    # Append-only: the database itself refuses to change or delete an entry. Only redaction of a
    # payload (for retention) may touch a row, and it must leave the chained digest alone.
    op.execute(
        "CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry "
        "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER audit_entry_redact_only BEFORE UPDATE ON audit_entry "
        "WHEN NEW.payload IS NOT NULL OR NEW.seq != OLD.seq OR NEW.at != OLD.at "
        "OR NEW.action != OLD.action OR NEW.entity != OLD.entity "
        "OR NEW.entity_id != OLD.entity_id OR NEW.payload_sha256 != OLD.payload_sha256 "
        "OR NEW.prev_hash != OLD.prev_hash OR NEW.hash != OLD.hash "
        "OR NEW.officer_id IS NOT OLD.officer_id "
        "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER audit_entry_redact_only")
    op.execute("DROP TRIGGER audit_entry_no_delete")
    op.drop_table("audit_entry")
