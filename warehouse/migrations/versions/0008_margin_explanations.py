"""Explanations in points: the margin model's factors add up to the predicted home margin.

Revision ID: 0008
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("alter table ops.prediction_explanations drop constraint prediction_explanations_space_check")
    op.execute(
        "alter table ops.prediction_explanations add constraint prediction_explanations_space_check"
        " check (space in ('log_odds', 'probability', 'points'))"
    )


def downgrade() -> None:
    op.execute("delete from ops.prediction_explanations where space = 'points'")
    op.execute("alter table ops.prediction_explanations drop constraint prediction_explanations_space_check")
    op.execute(
        "alter table ops.prediction_explanations add constraint prediction_explanations_space_check"
        " check (space in ('log_odds', 'probability'))"
    )
