"""The bankroll ledger: bets in integer cents, settled exactly once.

Revision ID: 0005
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        create table ops.bets (
            bet_id                 bigint generated always as identity primary key,
            idempotency_key        text unique,
            game_id                text not null,
            season                 text not null,
            game_date              date not null,
            selection              text not null check (selection in ('home', 'away')),
            team_id                bigint not null,
            odds_american          integer not null check (odds_american <= -100 or odds_american >= 100),
            odds_decimal           numeric(12, 6) not null check (odds_decimal > 1),
            stake_cents            bigint not null check (stake_cents > 0),
            placed_at              timestamptz not null default now(),
            model_version          text,
            model_prob             double precision check (model_prob between 0 and 1),
            expected_value         numeric(12, 6),
            kelly_fraction         numeric(6, 4) not null,
            suggested_stake_cents  bigint not null check (suggested_stake_cents >= 0),
            status                 text not null default 'open'
                                   check (status in ('open', 'won', 'lost', 'push', 'void')),
            settled_at             timestamptz,
            settled_by             text check (settled_by in ('final_score', 'explicit')),
            profit_cents           bigint,
            check ((status = 'open') = (settled_at is null)),
            check ((status = 'open') = (profit_cents is null))
        )
        """
    )
    op.execute("create index bets_status_idx on ops.bets (status, game_id)")
    op.execute("create index bets_season_idx on ops.bets (season, placed_at)")


def downgrade() -> None:
    op.execute("drop table ops.bets")
