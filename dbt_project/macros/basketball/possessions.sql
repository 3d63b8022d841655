{#- One side's share of the Basketball-Reference possession estimate (see docs block bbref_possessions). -#}
{% macro team_possession_estimate(fga, fta, fgm, oreb, opp_dreb, tov) -%}
    (
        {{ fga }} + 0.4 * {{ fta }}
        - 1.07 * coalesce({{ safe_divide(oreb, oreb ~ ' + ' ~ opp_dreb) }}, 0) * ({{ fga }} - {{ fgm }})
        + {{ tov }}
    )
{%- endmacro %}

{#- Possessions (Basketball-Reference): the average of both teams' estimates, so both teams get the same value. -#}
{% macro possessions(fga, fta, fgm, oreb, dreb, tov, opp_fga, opp_fta, opp_fgm, opp_oreb, opp_dreb, opp_tov) -%}
    (0.5 * (
        {{ team_possession_estimate(fga, fta, fgm, oreb, opp_dreb, tov) }}
        + {{ team_possession_estimate(opp_fga, opp_fta, opp_fgm, opp_oreb, dreb, opp_tov) }}
    ))
{%- endmacro %}
