"""Model feature names in words a fan understands (``diff_net_rating_l10`` -> "net rating gap, last 10 games")."""

from __future__ import annotations

import re

STATS = {
    "net_rating": "net rating",
    "off_rating": "offensive rating",
    "def_rating": "defensive rating",
    "efg_pct": "effective shooting",
    "ts_pct": "true shooting",
    "tov_pct": "turnover rate",
    "orb_pct": "offensive rebounding",
    "ft_rate": "free-throw rate",
    "pace": "pace",
    "win_pct": "win %",
    "rest_days": "days of rest",
    "games_in_last_7_days": "games in the last 7 days",
    "is_third_game_in_4_days": "third game in 4 nights",
    "is_back_to_back": "second night of a back-to-back",
    "travel_km": "travel (km)",
    "games_played": "games played",
    "streak": "win/loss streak",
    "h2h_last3_margin": "margin in the last 3 meetings",
    "h2h_last3_wins": "wins in the last 3 meetings",
    "h2h_season_wins": "wins against this opponent this season",
    "avail_min_share_out_l10": "share of rotation minutes out injured",
    "avail_value_out": "value of the players out",
    "avail_players_out": "players out",
    "avail_rotation_out": "rotation players out",
    "avail_returning": "players returning",
}
WINDOWS = {"l5": "last 5 games", "l10": "last 10 games", "std": "season so far", "ewm": "recent weighted form"}
GAME_LEVEL = {
    "elo_home_pre": "{home} Elo rating",
    "elo_away_pre": "{away} Elo rating",
    "elo_prob_home": "Elo's win chance for {home}",
    "elo_diff_pre": "Elo rating gap: {home} vs {away}",
    "margin_pred_home": "expected margin for {home}",
    "margin_rating_home_pre": "{home} margin rating",
    "margin_rating_away_pre": "{away} margin rating",
    "is_neutral_site": "neutral court",
}
_WINDOW = re.compile(r"_(l5|l10|std|ewm)$")


def stat_words(stem: str) -> str:
    """A stat without its side: ``net_rating_l10`` -> "net rating (last 10 games)"."""
    if stem in STATS:
        return STATS[stem]
    window = _WINDOW.search(stem)
    base = stem[: window.start()] if window else stem
    words = STATS.get(base, base.replace("_", " "))
    return f"{words} ({WINDOWS[window.group(1)]})" if window else words


def feature_words(feature: str, home: str = "home", away: str = "away") -> str:
    """A model feature as a phrase naming the team it is about."""
    if feature in GAME_LEVEL:
        return GAME_LEVEL[feature].format(home=home, away=away)
    for prefix, who in (("home_", home), ("away_", away)):
        if feature.startswith(prefix):
            return f"{who} {stat_words(feature[len(prefix) :])}"
    if feature.startswith("diff_"):
        return f"{stat_words(feature[5:])}: {home} vs {away}"
    return feature.replace("_", " ")
