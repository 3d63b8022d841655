{#- Hollinger's Game Score (docs block player_value): PTS + 0.4*FG - 0.7*FGA - 0.4*(FTA - FT) + 0.7*ORB
    + 0.3*DRB + STL + 0.7*AST + 0.7*BLK - 0.4*PF - TOV. Works on a game row or on season totals. -#}
{% macro game_score(pts='pts', fgm='fgm', fga='fga', fta='fta', ftm='ftm', oreb='oreb', dreb='dreb',
                    stl='stl', ast='ast', blk='blk', pf='pf', tov='tov') -%}
    ({{ pts }} + 0.4 * {{ fgm }} - 0.7 * {{ fga }} - 0.4 * ({{ fta }} - {{ ftm }}) + 0.7 * {{ oreb }}
     + 0.3 * {{ dreb }} + {{ stl }} + 0.7 * {{ ast }} + 0.7 * {{ blk }} - 0.4 * {{ pf }} - {{ tov }})
{%- endmacro %}
