"""MLOps: each model's training feature distribution, monitoring snapshots, the retrain queue.

Revision ID: 0007
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # the distribution of every feature over a model's training games, binned at its training
    # deciles: live feature values are compared against it (PSI) to tell when inputs have drifted
    op.execute(
        """
        create table ops.model_training_profile (
            model_version  text not null references ops.model_registry (version) on delete cascade,
            feature        text not null,
            edges          jsonb not null,
            proportions    jsonb not null,
            rows           integer not null check (rows > 0),
            mean           double precision,
            std            double precision,
            primary key (model_version, feature)
        )
        """
    )
    # one snapshot per morning (re-taking a morning replaces it), so the trend is one row per day
    op.execute(
        """
        create table ops.mlops_monitoring_snapshot (
            snapshot_id      bigserial primary key,
            as_of            date not null unique,
            taken_at         timestamptz not null default now(),
            run_id           text,
            model_version    text,
            escalation       text not null check (escalation in ('none', 'active', 'watch', 'incident')),
            evaluated_games  integer not null default 0,
            performance      jsonb not null default '{}'::jsonb,
            drift            jsonb not null default '{}'::jsonb,
            freshness        jsonb not null default '{}'::jsonb,
            alerts           jsonb not null default '[]'::jsonb
        )
        """
    )
    op.execute(
        """
        create table ops.retrain_jobs (
            job_id              bigserial primary key,
            status              text not null default 'queued'
                                check (status in ('queued', 'running', 'completed', 'failed', 'abandoned')),
            as_of               date not null,
            requested_by        text not null,
            requested_at        timestamptz not null default now(),
            reasons             jsonb not null default '[]'::jsonb,
            attempts            integer not null default 0,
            started_at          timestamptz,
            finished_at         timestamptz,
            worker_pid          integer,
            worker_host         text,
            validated_at        timestamptz,
            validation          jsonb,
            previous_version    text,
            candidate_version   text,
            outcome             text check (outcome in ('promoted', 'kept_previous')),
            evaluation          jsonb,
            error               text
        )
        """
    )
    # the duplicate guard: at most one job waiting or running, whoever queues it
    op.execute(
        "create unique index retrain_jobs_one_pending on ops.retrain_jobs ((true))"
        " where status in ('queued', 'running')"
    )


def downgrade() -> None:
    op.execute("drop table ops.retrain_jobs")
    op.execute("drop table ops.mlops_monitoring_snapshot")
    op.execute("drop table ops.model_training_profile")
