"""attendance imports as snapshots, and the snapshot a document cites

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attendance_import",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_name", sa.String(length=260), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("file_format", sa.String(length=20), nullable=False),
        sa.Column("importer_version", sa.String(length=20), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("school_urn", sa.String(length=10), nullable=False),
        sa.Column("date_from", sa.Date(), nullable=True),
        sa.Column("date_to", sa.Date(), nullable=True),
        sa.Column("code_set", sa.String(length=20), nullable=False),
        sa.Column("mark_count", sa.Integer(), nullable=False),
        sa.Column("imported_by_id", sa.Integer(), nullable=True),
        sa.Column("imported_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["imported_by_id"],
            ["officer.id"],
            name=op.f("fk_attendance_import_imported_by_id_officer"),
        ),
        sa.ForeignKeyConstraint(
            ["school_id"], ["school.id"], name=op.f("fk_attendance_import_school_id_school")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance_import")),
    )
    with op.batch_alter_table("attendance_import", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attendance_import_sha256"), ["sha256"], unique=False)

    op.create_table(
        "attendance_mark",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("session", sa.String(length=2), nullable=False),
        sa.Column("code", sa.String(length=3), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_attendance_mark_child_id_child")
        ),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["attendance_import.id"],
            name=op.f("fk_attendance_mark_import_id_attendance_import"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance_mark")),
        sa.UniqueConstraint(
            "import_id", "child_id", "date", "session", name="one_mark_per_session"
        ),
    )
    with op.batch_alter_table("attendance_mark", schema=None) as batch_op:
        batch_op.create_index(
            "ix_attendance_mark_child_session",
            ["child_id", "date", "session", "import_id"],
            unique=False,
        )

    with op.batch_alter_table("generated_document", schema=None) as batch_op:
        batch_op.add_column(sa.Column("attendance_import_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_generated_document_attendance_import_id_attendance_import"),
            "attendance_import",
            ["attendance_import_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("generated_document", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_generated_document_attendance_import_id_attendance_import"),
            type_="foreignkey",
        )
        batch_op.drop_column("attendance_import_id")
    op.drop_index("ix_attendance_mark_child_session", table_name="attendance_mark")
    op.drop_table("attendance_mark")
    op.drop_index(op.f("ix_attendance_import_sha256"), table_name="attendance_import")
    op.drop_table("attendance_import")
