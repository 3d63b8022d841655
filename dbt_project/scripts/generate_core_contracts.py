"""Write models/marts/core/_core__pregame_features.yml: the enforced contract of fct_pregame_features.

The feature columns are generated from the same lists as the SQL (macros/features/feature_config.sql);
keep FORM_METRICS / WINDOWS / TEAM_COLUMNS / H2H / AVAIL in step with it. Run from the repo root:

    .venv/bin/python dbt_project/scripts/generate_core_contracts.py [output path]

tests/unit/test_warehouse_contracts.py fails when the committed yml and this script disagree.
"""

from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "models" / "marts" / "core" / "_core__pregame_features.yml"

FORM_METRICS = {
    "net_rating": "net rating (offensive minus defensive rating, points per 100 possessions)",
    "off_rating": "offensive rating (points scored per 100 possessions)",
    "def_rating": "defensive rating (points allowed per 100 possessions)",
    "pace": "pace (possessions per 48 minutes)",
    "efg_pct": "effective field-goal percentage (fraction)",
    "ts_pct": "true-shooting percentage (fraction)",
    "tov_pct": "turnover percentage, TOV/(FGA+0.44*FTA+TOV) (fraction)",
    "orb_pct": "offensive-rebound percentage, ORB/(ORB+opp DRB) (fraction)",
    "ft_rate": "free-throw rate, FTA/FGA",
    "win_pct": "win percentage (fraction)",
}
WINDOWS = {
    "std": "season-to-date average, shrunk toward the team's prior: (n*x + k*prior)/(n + k), k = 8",
    "l5": "average of the last 5 games this season; games missing from the window are filled with the season-to-date value",
    "l10": "average of the last 10 games this season; games missing from the window are filled with the season-to-date value",
    "ewm": "exponentially weighted average this season (decay 0.9 per game), shrunk toward the prior with n = min(games, 10)",
}
TEAM_COLUMNS = [
    ("games_played", "integer", "games with a final box score this season before this game's date"),
    ("streak", "integer", "streak entering the game: +n after n straight wins, -n after n straight losses, 0 before the first game"),
    ("rest_days", "integer", "days off since the previous game this season (0 = back-to-back), capped at 7; season openers get 7"),
    ("is_back_to_back", "integer", "1 when the team also played the day before"),
    ("is_third_game_in_4_days", "integer", "1 when this is the team's third game within four days"),
    ("games_in_last_7_days", "integer", "the team's games in the seven days before this game"),
    ("travel_km", "double precision", "great-circle km from the previous game's arena (home team's arena) to this one; openers from the team's own arena"),
]
H2H = [
    ("h2h_season_wins", "integer", "wins against this opponent earlier this season"),
    ("h2h_last3_wins", "integer", "wins in the last three meetings with this opponent (any season)"),
    ("h2h_last3_margin", "double precision", "average point margin in the last three meetings (0 when they have not met)"),
]
# The avail_* stems of int_team_availability_pregame joined as home_/away_/diff_avail_<stem>
# (macro availability_feature_columns; owned by the availability engineer).
AVAIL = [
    ("value_out", "double precision", "summed pregame value of the players out that morning (Game Score points per game above replacement; 0 with avail_value_known = 0 means unknown)"),
    ("min_share_out_l10", "double precision", "share of the team's player minutes of its last 10 games played by the players out that morning (0 with avail_minutes_known = 0 means unknown)"),
    ("players_out", "integer", "players the injured-list log lists as out that morning (0 with avail_log_known = 0 means unknown). In the mart, not used by the model."),
    ("rotation_out", "integer", "rotation players (expected minutes per game >= var avail_rotation_mpg) out that morning (0 with avail_value_known = 0 means unknown). In the mart, not used by the model."),
    ("returning", "integer", "players whose absence ended (activated, or played again) in the 7 days before the game day (0 with avail_log_known = 0 means unknown). In the mart, not used by the model."),
]
# Game-level knowledge flags (macro availability_flag_columns): no home_/away_/diff_ prefix.
AVAIL_FLAGS = [
    ("avail_log_known", "integer", "1 when the injured-list log has rows this season dated before the game for both teams (else the avail_* features are 0, meaning unknown). Not a model feature."),
    ("avail_value_known", "integer", "1 when pregame player value is known for the season (2019-20 on here; else avail_value_out is 0, meaning unknown). Not a model feature."),
    ("avail_minutes_known", "integer", "1 when both teams have player game logs for an earlier game this season (2021-22 on here; else avail_min_share_out_l10 is 0, meaning unknown). Not a model feature."),
]


def feature_rows():
    for stem, dtype, text in TEAM_COLUMNS:
        yield stem, dtype, text
    for m, mtext in FORM_METRICS.items():
        for w, wtext in WINDOWS.items():
            yield f"{m}_{w}", "double precision", f"{mtext}: {wtext}"


def col(name, dtype, desc, tests=None, constraints=None):
    lines = [f"      - name: {name}", f"        data_type: {dtype}", f'        description: "{desc}"']
    if constraints:
        lines.append("        constraints:")
        lines += [f"          - type: {c}" for c in constraints]
    if tests:
        lines.append(f"        data_tests: {tests}")
    return "\n".join(lines)


def main(path: Path = OUT) -> None:
    out = [
        "# GENERATED by dbt_project/scripts/generate_core_contracts.py — edit the script, not this file.",
        "version: 2",
        "",
        "models:",
        "  - name: fct_pregame_features",
        "    description: '{{ doc(\"fct_pregame_features\") }}'",
        "    config:",
        "      contract: {enforced: true}",
        "    data_tests:",
        "      - columns_not_null:",
        "          arguments:",
        "            prefixes: [home_, away_, diff_]",
        "      - columns_in_range:",
        "          arguments:",
        "            stems: [efg_pct, ts_pct, tov_pct, orb_pct, win_pct]",
        "            suffixes: [_std, _l5, _l10, _ewm]",
        "            min_value: 0",
        "            max_value: 1",
        "      - columns_in_range:",
        "          arguments:",
        "            stems: [pace]",
        "            suffixes: [_std, _l5, _l10, _ewm]",
        "            min_value: 80",
        "            max_value: 120",
        "    columns:",
        col("game_id", "text", "NBA.com game id (primary key).", "[unique, not_null]", ["not_null", "primary_key"]),
        col("season", "text", "Season label, e.g. 2023-24.", "[not_null]"),
        col("game_date", "date", "US Eastern date of the game.", "[not_null]"),
        col("home_team_id", "bigint", "NBA.com id of the home team.", "[not_null]"),
        col("away_team_id", "bigint", "NBA.com id of the away team.", "[not_null]"),
        col("is_neutral_site", "boolean", "True for neutral-site games (the home team is NBA.com's designated home team)."),
    ]
    for stem, dtype, text in feature_rows():
        out.append(col(f"home_{stem}", dtype, f"Home team's {text}."))
        out.append(col(f"away_{stem}", dtype, f"Away team's {text}."))
        out.append(col(f"diff_{stem}", dtype, f"home_{stem} - away_{stem}."))
    for stem, dtype, text in H2H:
        out.append(col(f"home_{stem}", dtype, f"Home team's {text}."))
        out.append(col(f"away_{stem}", dtype, f"Away team's {text}."))
        out.append(col(f"diff_{stem}", dtype, f"home_{stem} - away_{stem}."))
    for stem, dtype, text in AVAIL:
        out.append(col(f"home_avail_{stem}", dtype, f"Home team: {text}."))
        out.append(col(f"away_avail_{stem}", dtype, f"Away team: {text}."))
        out.append(col(f"diff_avail_{stem}", dtype, f"home_avail_{stem} - away_avail_{stem}."))
    for name, dtype, text in AVAIL_FLAGS:
        out.append(col(name, dtype, text))
    path.write_text("\n".join(out) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    import sys

    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
