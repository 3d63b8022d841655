{#- One row per NBA.com player seen in the warehouse (game logs, season totals or a matched injured-list
    row). The name is the latest season-totals name, else the game logs' name, else the name the
    injured-list log used. -#}
with

totals as (

    select * from {{ ref('stg_nba__player_season_totals') }}

),

games as (

    select * from {{ ref('stg_nba__player_game_logs') }}

),

injury_names as (

    select acquired_player_id as player_id, acquired_name as player_name, log_date
    from {{ ref('stg_news__injury_log_players') }}
    where acquired_player_id is not null
    union all
    select relinquished_player_id, relinquished_name, log_date
    from {{ ref('stg_news__injury_log_players') }}
    where relinquished_player_id is not null

),

seen as (

    select player_id, season, last_team_id as team_id, 'season_totals' as seen_in, make_date({{ season_start_year('season') }} + 1, 4, 1) as seen_on
    from totals
    union all
    select player_id, season, team_id, 'game_logs', game_date
    from games

),

latest as (

    select distinct on (player_id)
        player_id,
        team_id as latest_team_id,
        season as latest_season
    from seen
    order by player_id, seen_on desc

),

spans as (

    select
        player_id,
        min(season) as first_season,
        max(season) as last_season,
        count(distinct season) filter (where seen_in = 'game_logs') as seasons_with_game_logs,
        count(*) filter (where seen_in = 'game_logs') as games_logged
    from seen
    group by player_id

),

named as (

    select distinct on (player_id) player_id, player_name
    from totals
    order by player_id, season desc

),

game_named as (

    select distinct on (player_id) player_id, player_name
    from games
    where player_name is not null
    order by player_id, game_date desc

),

log_named as (

    select distinct on (player_id) player_id, player_name
    from injury_names
    order by player_id, log_date desc

),

ids as (

    select player_id from spans
    union
    select player_id from log_named

)

select
    ids.player_id,
    coalesce(named.player_name, game_named.player_name, log_named.player_name) as player_name,
    case
        when named.player_name is not null then 'season_totals'
        when game_named.player_name is not null then 'game_logs'
        else 'injury_log'
    end as name_source,
    latest.latest_team_id,
    latest.latest_season,
    spans.first_season,
    spans.last_season,
    coalesce(spans.seasons_with_game_logs, 0) as seasons_with_game_logs,
    coalesce(spans.games_logged, 0) as games_logged
from ids
left join named on ids.player_id = named.player_id
left join game_named on ids.player_id = game_named.player_id
left join log_named on ids.player_id = log_named.player_id
left join latest on ids.player_id = latest.player_id
left join spans on ids.player_id = spans.player_id
