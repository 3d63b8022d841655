"""Documents of the intelligence layer from real rows: the bundled ESPN feed through feedparser,
the injured-list log's CSV parser, the local embedding and its registration with Chroma."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.news.feeds import parse_feed
from ingest.news.injured_list import parse_injury_log
from ingest.teams import by_abbreviation
from intel.documents import article_documents, chunks, injury_move_document
from intel.embeddings import LocalHashingEmbedding
from tests.support.paths import DATA
from warehouse.seasons import morning_of

ESPN = DATA / "news" / "espn_nba_news_2023-01-13.xml"
TEAM = by_abbreviation()


@pytest.fixture(scope="module")
def espn_documents():
    items = parse_feed(ESPN.read_bytes(), ESPN.name)
    return items, [doc for item in items for doc in article_documents(item)]


def test_the_espn_feed_becomes_one_document_per_item_with_stable_ids(espn_documents):
    items, docs = espn_documents
    assert len(items) == 12 and len(docs) == 12
    again = [d.doc_id for item in items for d in article_documents(item)]
    assert again == [d.doc_id for d in docs] and len(set(again)) == 12
    first = docs[0]
    assert first.title == "Luka shines in clutch, outduels LeBron in 2OT win"
    assert first.published_at == dt.datetime(2023, 1, 13, 9, 4, 48, tzinfo=dt.UTC)
    assert first.url.startswith("https://www.espn.com/nba/story/") and first.quality == 0.8


def test_articles_are_tagged_with_the_teams_they_name_including_press_nicknames(espn_documents):
    _, docs = espn_documents
    by_title = {d.title: d for d in docs}
    assert set(by_title["Luka shines in clutch, outduels LeBron in 2OT win"].team_ids) == {TEAM["DAL"], TEAM["LAL"]}
    assert by_title["Celtics star Brown sidelined with adductor strain"].team_ids[:1] == (TEAM["BOS"],)
    assert TEAM["CLE"] in by_title["'Grateful' Rubio returns, gives spark as Cavs rally"].team_ids


def test_fantasy_and_ranking_items_carry_a_noise_penalty_and_team_news_none(espn_documents):
    _, docs = espn_documents
    noise = {d.title: d.noise for d in docs}
    assert noise["Celtics star Brown sidelined with adductor strain"] == 0.0
    assert noise["Fantasy 30: Updates on James Harden, Tyrese Haliburton and Bradley Beal"] >= 0.25
    assert noise["NBA Power Rankings: Who can beat the Nuggets right now?"] >= 0.25


def test_an_injured_list_row_is_knowable_the_morning_after_its_date():
    rows, _ = parse_injury_log(DATA / "news" / "injury_log_2015-07-01_2024-06-30.csv")
    row = next(r for r in rows if r["log_date"] == dt.date(2024, 1, 8) and r["relinquished"] == "Sam Hauser")
    doc = injury_move_document(row)
    assert doc.published_at == morning_of(dt.date(2024, 1, 9))
    assert doc.text == "2024-01-08 BOS: Sam Hauser out (right shoulder impingement (DTD))"
    assert doc.doc_id == f"injury_move:{row['log_id']}" and doc.team_ids == (TEAM["BOS"],)


def test_long_text_is_chunked_on_sentence_ends_and_short_text_is_not():
    sentence = "Jaylen Brown is out for Thursday's game against the Nets with an adductor strain. "
    assert chunks(sentence.strip()) == [sentence.strip()]
    pieces = chunks(sentence * 30, size=300)
    assert len(pieces) > 1 and all(len(p) <= 300 and p.endswith(".") for p in pieces)
    assert " ".join(pieces) == (sentence * 30).strip()


def test_the_local_embedding_is_deterministic_unit_length_and_reopens_from_its_config():
    embed = LocalHashingEmbedding()
    a, b = embed(["Sam Hauser out (right shoulder impingement)", "Sam Hauser out (right shoulder impingement)"])
    assert (a == b).all() and abs(float((a * a).sum()) - 1.0) < 1e-5
    rebuilt = LocalHashingEmbedding.build_from_config(embed.get_config())
    assert (rebuilt(["Sam Hauser out"])[0] == embed(["Sam Hauser out"])[0]).all()
    from chromadb.utils.embedding_functions import known_embedding_functions

    assert known_embedding_functions[LocalHashingEmbedding.name()] is LocalHashingEmbedding
