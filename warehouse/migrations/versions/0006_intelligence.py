"""The intelligence layer: its document catalogue and the audit of every brief.

Revision ID: 0006
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # what the vector store holds, by team and publication time: the as-of filter of a retrieval
    # runs here (indexed), the similarity over the few candidates in the vector store
    op.execute(
        """
        create table ops.intelligence_documents (
            doc_id        text primary key,
            kind          text not null check (kind in ('article', 'injury_move', 'injury_report', 'schedule')),
            team_ids      bigint[] not null,
            game_id       text,
            published_at  timestamptz not null,
            content_hash  text not null,
            indexed_at    timestamptz not null default now()
        )
        """
    )
    op.execute("create index intelligence_documents_teams_idx on ops.intelligence_documents using gin (team_ids)")
    op.execute("create index intelligence_documents_published_idx on ops.intelligence_documents (published_at)")
    # one row per brief shown or stored: enough to re-render it without the vector store
    op.execute(
        """
        create table ops.intelligence_audit (
            audit_id        bigserial primary key,
            game_id         text not null,
            as_of           timestamptz not null,
            created_at      timestamptz not null default now(),
            run_id          text,
            embedding       text not null,
            provider        text not null check (provider in ('gemini', 'extractive')),
            model           text,
            prompt_version  text not null,
            fallback_reason text,
            retrieved       jsonb not null,
            context         jsonb not null,
            rules           jsonb not null,
            output          jsonb not null,
            latency_ms      double precision not null
        )
        """
    )
    op.execute("create index intelligence_audit_game_idx on ops.intelligence_audit (game_id, created_at desc)")


def downgrade() -> None:
    op.execute("drop table ops.intelligence_audit")
    op.execute("drop table ops.intelligence_documents")
