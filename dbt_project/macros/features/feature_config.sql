{#- The feature lists come from the feature catalogue (var feature_catalogue in dbt_project.yml), the
    one declared list that the contract generator and ml/data.py read too. These macros only shape it
    for the SQL that loops over it. -#}
{#- The rolling form metrics (column in fct_team_games -> feature stem). -#}
{% macro form_metrics() -%}
    {{ return(var('feature_catalogue')['form_metrics'] | map(attribute='name') | list) }}
{%- endmacro %}

{#- The windows they are averaged over: stem -> number of games (none = season to date, 'ewm' =
    exponentially weighted). -#}
{% macro form_windows() -%}
    {%- set windows = {} -%}
    {%- for w in var('feature_catalogue')['form_windows'] -%}
        {%- do windows.update({w['name']: w['games']}) -%}
    {%- endfor -%}
    {{ return(windows) }}
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
    {%- set cols = [] -%}
    {%- for t in var('feature_catalogue')['team'] -%}
        {%- do cols.append((t['name'], t['type'])) -%}
    {%- endfor -%}
    {%- for m in metrics -%}
        {%- for w in windows -%}
            {%- do cols.append((m ~ '_' ~ w, 'double precision')) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(cols) }}
{%- endmacro %}

{#- Head-to-head stems (home side from int_matchups_pregame_summarized; the away side is derived). -#}
{% macro h2h_feature_columns() -%}
    {%- set cols = [] -%}
    {%- for h in var('feature_catalogue')['head_to_head'] -%}
        {%- do cols.append((h['name'], h['type'])) -%}
    {%- endfor -%}
    {{ return(cols) }}
{%- endmacro %}

{#- Availability stems: the avail_* columns of int_team_availability_pregame; booleans are cast to
    integer 0/1. Which of them the model uses is the catalogue's model flag. -#}
{% macro availability_feature_columns() -%}
    {%- set cols = [] -%}
    {%- for a in var('feature_catalogue')['availability'] -%}
        {%- do cols.append((a['name'], a['type'])) -%}
    {%- endfor -%}
    {{ return(cols) }}
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
    {{ return(var('feature_catalogue')['availability_flags'] | map(attribute='name') | list) }}
{%- endmacro %}
