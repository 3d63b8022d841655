"""ops schema and the pipeline audit every step writes.

Revision ID: 0001
"""

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("create schema if not exists ops")
    op.execute(
        """
        create table ops.pipeline_audit (
            audit_id      bigserial primary key,
            run_id        text        not null,
            step          text        not null,
            status        text        not null check (status in ('running', 'succeeded', 'failed')),
            rows_affected bigint      not null default 0,
            started_at    timestamptz not null default now(),
            finished_at   timestamptz,
            error         text,
            details       jsonb       not null default '{}'::jsonb
        )
        """
    )
    op.execute("create index pipeline_audit_started_idx on ops.pipeline_audit (started_at desc)")
    op.execute("create index pipeline_audit_run_idx on ops.pipeline_audit (run_id)")


def downgrade() -> None:
    op.execute("drop table ops.pipeline_audit")
