{#- A player's season-to-date totals after each of his games: the state that is known on every
    morning D with after_date < D <= until_date (until_date = the date of his next game; the end of
    the season after his last one). Feeds the pregame player value (int_player_values_pregame). -#}
with

games as (

    select * from {{ ref('int_player_games_joined') }}
    where game_type in ({{ "'" ~ feature_game_types() | join("', '") ~ "'" }})

),

accumulated as (

    select
        player_id,
        season,
        game_date as after_date,
        lead(game_date) over by_date as next_game_date,
        count(*) over to_date as games,
        sum(minutes) over to_date as minutes,
        sum(game_score) over to_date as game_score
    from games
    window
        by_date as (partition by player_id, season order by game_date, game_id),
        to_date as (
            partition by player_id, season order by game_date, game_id
            rows between unbounded preceding and current row
        )

)

select
    player_id,
    season,
    after_date,
    coalesce(next_game_date, {{ season_end_date(season_start_year('season')) }}) as until_date,
    games,
    minutes,
    game_score
from accumulated
