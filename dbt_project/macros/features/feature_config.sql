{#- The single list of rolling form metrics (column in fct_team_games -> feature stem) and the
    windows they are averaged over. fct_pregame_features, its contract yml and the leakage test
    all loop over these, so adding a metric is a one-line change here (plus the contract). -#}
{% macro form_metrics() -%}
    {{ return(['net_rating', 'off_rating', 'def_rating', 'pace', 'efg_pct', 'ts_pct',
               'tov_pct', 'orb_pct', 'ft_rate', 'win_pct']) }}
{%- endmacro %}

{% macro form_windows() -%}
    {#- stem -> number of games (none = season to date, 'ewm' = exponentially weighted) -#}
    {{ return({'std': none, 'l5': 5, 'l10': 10, 'ewm': 'ewm'}) }}
{%- endmacro %}

{#- Game types whose games get pregame features and feed the rolling state. -#}
{% macro feature_game_types() -%}
    {{ return(var('feature_game_types', ['regular_season', 'play_in', 'playoffs', 'cup_final'])) }}
{%- endmacro %}

{#- Per-team pregame feature stems and their SQL types, in column order. Every stem becomes
    home_<stem>, away_<stem> and diff_<stem> (home minus away) in fct_pregame_features. -#}
{#- (metrics and windows are passed in rather than called here: sqlfluff's jinja templater
    mis-handles a returning macro called inside another returning macro.) -#}
{% macro team_feature_columns(metrics, windows) -%}
    {%- set cols = [
        ('games_played', 'integer'), ('streak', 'integer'), ('rest_days', 'integer'),
        ('is_back_to_back', 'integer'), ('is_third_game_in_4_days', 'integer'),
        ('games_in_last_7_days', 'integer'), ('travel_km', 'double precision')] -%}
    {%- for m in metrics -%}
        {%- for w in windows -%}
            {%- do cols.append((m ~ '_' ~ w, 'double precision')) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(cols) }}
{%- endmacro %}

{#- Head-to-head stems (home side from int_matchups_pregame_summarized; the away side is derived). -#}
{% macro h2h_feature_columns() -%}
    {{ return([('h2h_season_wins', 'integer'), ('h2h_last3_wins', 'integer'),
               ('h2h_last3_margin', 'double precision')]) }}
{%- endmacro %}

{#- Availability stems: the avail_* columns of int_team_availability_pregame (owned by the
    availability engineer). Add a stem here and to the contract when that model grows a column;
    booleans are cast to integer 0/1. -#}
{% macro availability_feature_columns() -%}
    {#- The issue's four availability features plus the minutes-share refinement. The model uses
        value_out and min_share_out_l10 only (chosen on 2021-22 walk-forward Brier, see
        docs/decisions/0006-availability-features.md and ml.data.MART_ONLY_FEATURES). -#}
    {{ return(var('availability_features', [('value_out', 'double precision'),
                                            ('min_share_out_l10', 'double precision'),
                                            ('players_out', 'integer'),
                                            ('rotation_out', 'integer'),
                                            ('returning', 'integer')])) }}
{%- endmacro %}

{#- Fixed league baseline used as the prior where no earlier season exists (first season in the data):
    about the 2014-15 league averages on Basketball-Reference; net rating 0 and win% 0.5 by definition. -#}
{% macro league_baseline() -%}
    {{ return(var('league_baseline', {
        'net_rating': 0.0, 'off_rating': 105.6, 'def_rating': 105.6, 'pace': 93.9,
        'efg_pct': 0.496, 'ts_pct': 0.534, 'tov_pct': 0.133, 'orb_pct': 0.251,
        'ft_rate': 0.270, 'win_pct': 0.5})) }}
{%- endmacro %}

{#- Availability knowledge flags, one per game (the lesser of the two teams), not model features:
    no home_/away_/diff_ prefix. A 0 says the avail_* features of that game are 0 because nothing was
    known, not because nobody was out. -#}
{% macro availability_flag_columns() -%}
    {{ return(['log_known', 'value_known', 'minutes_known']) }}
{%- endmacro %}
