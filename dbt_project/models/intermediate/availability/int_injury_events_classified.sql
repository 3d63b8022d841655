{#- Every injured-list row that names a player, with the player resolved and the move classified.
    player_key is the NBA.com id when the name matched (ingest/player_names.py), else 'name:<name>' so
    an unmatched player still counts as out (he just carries no value).
    status: returned (Acquired side: activated from IL / returned to lineup) | out_for_season | il
    (placed on the injured list) | dtd (day-to-day, missed a game) | out_indefinitely | out_other
    (health and safety protocol, suspension, personal reasons ...). -#}
with

log_rows as (

    select * from {{ ref('stg_news__injury_log') }}
    where movement in ('out', 'in')

),

players as (

    select * from {{ ref('stg_news__injury_log_players') }}

),

classified as (

    select
        log_rows.log_id,
        log_rows.log_date,
        log_rows.team_id,
        log_rows.line_number,
        log_rows.season_start_year,
        {{ season_label('log_rows.season_start_year') }} as season,
        log_rows.movement,
        case when log_rows.movement = 'out' then players.relinquished_player_id
            else players.acquired_player_id end as player_id,
        log_rows.player_key as player_name_key,
        log_rows.notes,
        case
            when log_rows.movement = 'in' then 'returned'
            when log_rows.notes ilike '%out for seas%' then 'out_for_season'
            when log_rows.notes ilike '%placed on IL%' then 'il'
            when log_rows.notes ilike '%(DTD)%' then 'dtd'
            when log_rows.notes ilike '%out indefinit%' then 'out_indefinitely'
            else 'out_other'
        end as status
    from log_rows
    left join players on log_rows.log_id = players.log_id

)

select
    *,
    coalesce(player_id::text, 'name:' || player_name_key) as player_key
from classified
