{#- Freshness per source table: when dlt last loaded it, how many rows it holds and the newest business
    date in it. hours_since_load is measured when the model is built. -#}
{%- set tables = [
    ('nba', 'team_game_logs', 'game_date'),
    ('nba', 'schedule', 'game_date'),
    ('market', 'closing_lines', 'game_date'),
    ('market', 'fivethirtyeight_forecasts', 'game_date'),
    ('news', 'articles', 'published_at::date'),
    ('news', 'injury_log', 'log_date'),
] -%}
with

unioned as (

    {%- for source_name, table_name, date_expr in tables %}
    select
        '{{ source_name }}' as source_name,
        '{{ table_name }}' as table_name,
        count(*) as row_count,
        max(to_timestamp(_dlt_load_id::double precision)) as last_loaded_at,
        max({{ date_expr }}) as latest_data_date
    from {{ source(source_name, table_name) }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

)

select
    source_name || '.' || table_name as source_table,
    source_name,
    table_name,
    row_count,
    last_loaded_at,
    latest_data_date,
    extract(epoch from (now() - last_loaded_at)) / 3600.0 as hours_since_load,
    coalesce(extract(epoch from (now() - last_loaded_at)) / 3600.0 <= 36, false) as is_fresh
from unioned
