"""The daily run: its record per morning, live audit rows, scored and in-sample-flagged predictions.

Revision ID: 0004
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # who runs each audited step, so a step whose process is gone can be told from one still running
    op.execute("alter table ops.pipeline_audit add column pid integer, add column host text")
    op.execute("alter table ops.pipeline_audit drop constraint pipeline_audit_status_check")
    op.execute(
        "alter table ops.pipeline_audit add constraint pipeline_audit_status_check"
        " check (status in ('running', 'succeeded', 'failed', 'abandoned'))"
    )
    op.execute("create index pipeline_audit_running_idx on ops.pipeline_audit (status) where status = 'running'")
    op.execute("alter table ops.backtest_runs drop constraint backtest_runs_status_check")
    op.execute(
        "alter table ops.backtest_runs add constraint backtest_runs_status_check"
        " check (status in ('running', 'succeeded', 'failed', 'abandoned'))"
    )
    # a prediction for a game on or before its model's training cutoff is in-sample: kept for
    # inspection, never counted as live performance; outcomes are filled in once the game is final
    op.execute(
        """
        alter table ops.predictions
            add column in_sample boolean not null default false,
            add column home_win boolean,
            add column scored_at timestamptz
        """
    )
    op.execute(
        """
        create table ops.daily_runs (
            run_id       text primary key,
            run_date     date not null,
            mode         text not null check (mode in ('snapshot', 'live')),
            status       text not null check (status in ('running', 'succeeded', 'failed', 'abandoned')),
            started_at   timestamptz not null default now(),
            finished_at  timestamptz,
            resumed_from text references ops.daily_runs (run_id),
            steps        jsonb not null default '[]'::jsonb,
            error        text,
            pid          integer,
            host         text
        )
        """
    )
    op.execute("create index daily_runs_date_idx on ops.daily_runs (run_date, started_at desc)")


def downgrade() -> None:
    op.execute("drop table ops.daily_runs")
    op.execute("alter table ops.predictions drop column in_sample, drop column home_win, drop column scored_at")
    op.execute("alter table ops.pipeline_audit drop column pid, drop column host")
