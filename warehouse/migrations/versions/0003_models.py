"""Models: registry, predictions with SHAP explanations, walk-forward backtest runs.

Revision ID: 0003
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        create table ops.model_registry (
            version             text primary key,
            trained_at          timestamptz not null default now(),
            train_start         date,
            train_end           date,
            trained_before      date not null,
            train_rows          integer not null,
            model_kind          text not null,
            calibration         text not null,
            features            jsonb not null,
            feature_hash        text not null,
            training_hash       text not null,
            hyperparameters     jsonb not null default '{}'::jsonb,
            validation_metrics  jsonb not null default '{}'::jsonb,
            artifact_path       text not null,
            artifact_sha256     text not null check (artifact_sha256 ~ '^[0-9a-f]{64}$'),
            status              text not null default 'candidate'
                                check (status in ('candidate', 'active', 'retired')),
            promoted_at         timestamptz,
            retired_at          timestamptz
        )
        """
    )
    op.execute("create unique index model_registry_one_active on ops.model_registry (status) where status = 'active'")
    op.execute(
        """
        create table ops.predictions (
            game_id                  text not null,
            model_version            text not null references ops.model_registry (version),
            game_date                date not null,
            home_team_id             bigint not null,
            away_team_id             bigint not null,
            prob_home                double precision not null check (prob_home between 0 and 1),
            prob_away                double precision not null check (prob_away between 0 and 1),
            predicted_winner_team_id bigint not null,
            confidence               text not null check (confidence in ('low', 'medium', 'high')),
            feature_row_hash         text not null,
            created_at               timestamptz not null default now(),
            primary key (game_id, model_version)
        )
        """
    )
    op.execute("create index predictions_game_date_idx on ops.predictions (game_date)")
    op.execute(
        """
        create table ops.prediction_explanations (
            game_id        text not null,
            model_version  text not null,
            feature        text not null,
            feature_value  double precision,
            shap_value     double precision not null,
            base_value     double precision not null,
            space          text not null default 'log_odds' check (space in ('log_odds', 'probability')),
            rank           integer not null,
            primary key (game_id, model_version, feature),
            foreign key (game_id, model_version) references ops.predictions (game_id, model_version)
                on delete cascade
        )
        """
    )
    op.execute(
        """
        create table ops.backtest_runs (
            run_id       text primary key,
            season       text not null,
            refit        text not null check (refit in ('monthly', 'weekly', 'none')),
            started_at   timestamptz not null default now(),
            finished_at  timestamptz,
            status       text not null default 'running' check (status in ('running', 'succeeded', 'failed')),
            games        integer,
            config       jsonb not null default '{}'::jsonb,
            metrics      jsonb not null default '{}'::jsonb,
            report_path  text
        )
        """
    )
    op.execute(
        """
        create table ops.backtest_predictions (
            run_id          text not null references ops.backtest_runs (run_id) on delete cascade,
            season          text not null,
            refit           text not null,
            game_id         text not null,
            game_date       date not null,
            model_name      text not null,
            prob_home       double precision not null check (prob_home between 0 and 1),
            home_win        boolean not null,
            trained_through date,
            primary key (run_id, game_id, model_name)
        )
        """
    )


def downgrade() -> None:
    op.execute("drop table ops.backtest_predictions")
    op.execute("drop table ops.backtest_runs")
    op.execute("drop table ops.prediction_explanations")
    op.execute("drop table ops.predictions")
    op.execute("drop table ops.model_registry")
