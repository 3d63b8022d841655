{#- Each player's minutes for his team in the team's last (up to) 10 games of the season before the
    game day: one row per team-game per player who played in them. -#}
with

slots as (

    select game_id, team_id, season, games_before
    from {{ ref('int_team_schedules_sequenced') }}

),

played as (

    select
        slots.game_id,
        slots.team_id,
        slots.season,
        slots.games_before + 1 as game_number
    from slots
    inner join {{ ref('int_team_games_rated') }} as team_games
        on slots.game_id = team_games.game_id and slots.team_id = team_games.team_id

),

recent_games as (

    select
        slots.game_id as target_game_id,
        slots.team_id,
        played.game_id
    from slots
    inner join played
        on
            slots.team_id = played.team_id
            and slots.season = played.season
            and played.game_number between slots.games_before - 9 and slots.games_before

)

select
    recent_games.target_game_id as game_id,
    recent_games.team_id,
    player_games.player_id,
    sum(player_games.minutes order by player_games.game_id) as minutes
from recent_games
inner join {{ ref('int_player_games_joined') }} as player_games
    on recent_games.game_id = player_games.game_id and recent_games.team_id = player_games.team_id
group by recent_games.target_game_id, recent_games.team_id, player_games.player_id
