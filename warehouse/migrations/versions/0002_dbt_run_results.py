"""dbt run results as data (loaded from target/run_results.json after each build).

Revision ID: 0002
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        create table ops.dbt_run_results (
            result_id      bigserial primary key,
            run_id         text not null,
            invocation_id  text,
            command        text not null,
            unique_id      text not null,
            resource_type  text not null,
            status         text,
            failures       integer,
            execution_time double precision,
            message        text,
            loaded_at      timestamptz not null default now()
        )
        """
    )
    op.execute("create index dbt_run_results_loaded_idx on ops.dbt_run_results (loaded_at desc)")


def downgrade() -> None:
    op.execute("drop table ops.dbt_run_results")
