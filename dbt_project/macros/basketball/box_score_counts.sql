{#- The counting stats of a box score line, in the order stats.nba.com publishes them: one list for
    the player game logs, the season totals and what is built on them. -#}
{% macro box_score_counts() -%}
    fgm,
    fga,
    fg3m,
    fg3a,
    ftm,
    fta,
    oreb,
    dreb,
    reb,
    ast,
    stl,
    blk,
    tov,
    pf,
    pts
{%- endmacro %}
