{#- Completeness per season and table: row counts and null rates of the advanced metrics (the seed's
    spot-check query as a model). One row per (table_name, season, column_name). -#}
{%- set feature_columns = ['home_net_rating_std', 'away_net_rating_std', 'home_net_rating_l10',
                           'home_net_rating_ewm', 'home_rest_days', 'home_travel_km'] -%}
{%- for stem, dtype in availability_feature_columns() -%}
    {%- do feature_columns.append('home_avail_' ~ stem) -%}
{%- endfor -%}
{%- set checks = {
    'fct_team_games': ['possessions', 'pace', 'off_rating', 'def_rating', 'net_rating', 'efg_pct',
                       'ts_pct', 'tov_pct', 'orb_pct', 'ft_rate'],
    'fct_pregame_features': feature_columns,
    'fct_game_lines': ['home_spread', 'total', 'home_moneyline', 'away_moneyline'],
    'fct_reference_forecasts': ['elo538_prob_home', 'raptor538_prob_home'],
} -%}
with

games as (

    select game_id, season from {{ ref('fct_games') }}

),

{% for table, columns in checks.items() %}
{{ table }}_nulls as (

    {%- for column in columns %}
    select
        '{{ table }}' as table_name,
        {%- if table in ['fct_team_games', 'fct_pregame_features'] %}
        t.season,
        {%- else %}
        games.season,
        {%- endif %}
        '{{ column }}' as column_name,
        count(*) as row_count,
        count(*) filter (where t.{{ column }} is null) as null_count
    from {{ ref(table) }} as t
    {%- if table not in ['fct_team_games', 'fct_pregame_features'] %}
    inner join games on t.game_id = games.game_id
    {%- endif %}
    {%- if table in ['fct_team_games', 'fct_pregame_features'] %}
    group by t.season
    {%- else %}
    group by games.season
    {%- endif %}
    {%- if not loop.last %}

    union all
    {% endif %}
    {%- endfor %}

),

{% endfor %}
unioned as (

    {%- for table in checks %}
    select * from {{ table }}_nulls
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

games_per_season as (

    select season, count(*) as games from games group by season

)

select
    unioned.table_name || ':' || unioned.season || ':' || unioned.column_name as completeness_id,
    unioned.table_name,
    unioned.season,
    unioned.column_name,
    unioned.row_count,
    unioned.null_count,
    unioned.null_count::double precision / nullif(unioned.row_count, 0) as null_rate,
    -- coverage of the season's games (lines and forecasts need not exist for every game)
    unioned.row_count::double precision
    / nullif(case when unioned.table_name = 'fct_team_games' then 2 else 1 end * games_per_season.games, 0)
        as game_coverage
from unioned
left join games_per_season on unioned.season = games_per_season.season
