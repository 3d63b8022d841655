{#- Basketball-Reference team formulas. Percentages are fractions in [0, 1]; ratings are per 100 possessions.
    Every division goes through safe_divide: a 0 denominator gives NULL, never an error. -#}

{% macro pace(possessions, opp_possessions, team_minutes) -%}
    (48 * {{ safe_divide('(' ~ possessions ~ ') + (' ~ opp_possessions ~ ')', '2 * ((' ~ team_minutes ~ ') / 5.0)') }})
{%- endmacro %}

{% macro offensive_rating(points, possessions) -%}
    (100 * {{ safe_divide(points, possessions) }})
{%- endmacro %}

{% macro defensive_rating(opp_points, possessions) -%}
    (100 * {{ safe_divide(opp_points, possessions) }})
{%- endmacro %}

{% macro effective_fg_pct(fgm, fg3m, fga) -%}
    {{ safe_divide(fgm ~ ' + 0.5 * ' ~ fg3m, fga) }}
{%- endmacro %}

{% macro true_shooting_pct(points, fga, fta) -%}
    {{ safe_divide(points, '2 * (' ~ fga ~ ' + 0.44 * ' ~ fta ~ ')') }}
{%- endmacro %}

{% macro turnover_pct(tov, fga, fta) -%}
    {{ safe_divide(tov, fga ~ ' + 0.44 * ' ~ fta ~ ' + ' ~ tov) }}
{%- endmacro %}

{% macro offensive_rebound_pct(oreb, opp_dreb) -%}
    {{ safe_divide(oreb, oreb ~ ' + ' ~ opp_dreb) }}
{%- endmacro %}

{% macro free_throw_rate(fta, fga) -%}
    {{ safe_divide(fta, fga) }}
{%- endmacro %}
