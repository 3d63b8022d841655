{#- What is known about a player before season S starts: his previous season (S-1), from the game
    logs when they exist (2021-22 on), else from the season totals (2018-19 .. 2020-21 here; the
    totals of a season are loaded only once it has ended, so they never leak into it). Players with
    neither get no row and are valued at replacement level. -#}
with

logs as (

    select
        player_id,
        season,
        count(*) as games,
        sum(minutes) as minutes,
        sum(game_score) as game_score
    from {{ ref('int_player_games_joined') }}
    where game_type = 'regular_season'
    group by player_id, season

),

totals as (

    select
        player_id,
        season,
        games_played as games,
        minutes,
        {{ game_score() }} as game_score
    from {{ ref('stg_nba__player_season_totals') }}
    where games_played > 0

),

combined as (

    select
        coalesce(logs.player_id, totals.player_id) as player_id,
        coalesce(logs.season, totals.season) as previous_season,
        case when logs.player_id is not null then 'game_logs' else 'season_totals' end as prior_source,
        coalesce(logs.games, totals.games) as prior_games,
        coalesce(logs.minutes, totals.minutes) as prior_minutes,
        coalesce(logs.game_score, totals.game_score) as prior_game_score
    from logs
    full outer join totals
        on logs.player_id = totals.player_id and logs.season = totals.season

)

select
    player_id,
    {{ season_label(season_start_year('previous_season') ~ ' + 1') }} as season,
    previous_season,
    prior_source,
    prior_games,
    prior_minutes,
    prior_game_score
from combined
