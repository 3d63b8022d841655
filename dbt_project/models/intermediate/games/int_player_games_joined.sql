{#- One row per player per game played, with the team context needed for pregame player value:
    the player's share of team minutes, the possessions he was on court for (team possessions x his
    share of the five floor spots) and his on/off split of the team's margin. Only games with a team
    box score are kept (a player row without its team game would be a data error). -#}
with

player_games as (

    select * from {{ ref('stg_nba__player_game_logs') }}

),

team_games as (

    select * from {{ ref('int_team_games_rated') }}

),

joined as (

    select
        pg.player_id,
        pg.game_id,
        pg.team_id,
        tg.opponent_team_id,
        tg.season,
        tg.game_date,
        tg.game_type,
        tg.is_home,
        pg.minutes,
        tg.team_minutes,
        tg.possessions as team_possessions,
        tg.pts - tg.opp_pts as team_margin,
        pg.fgm,
        pg.fga,
        pg.fg3m,
        pg.fg3a,
        pg.ftm,
        pg.fta,
        pg.oreb,
        pg.dreb,
        pg.reb,
        pg.ast,
        pg.stl,
        pg.blk,
        pg.tov,
        pg.pf,
        pg.pts,
        pg.plus_minus,
        {{ game_score('pg.pts', 'pg.fgm', 'pg.fga', 'pg.fta', 'pg.ftm', 'pg.oreb', 'pg.dreb', 'pg.stl',
                      'pg.ast', 'pg.blk', 'pg.pf', 'pg.tov') }} as game_score
    from player_games as pg
    inner join team_games as tg
        on pg.game_id = tg.game_id and pg.team_id = tg.team_id

)

select
    game_id || '-' || player_id::text as player_game_id,
    player_id,
    game_id,
    team_id,
    opponent_team_id,
    season,
    game_date,
    game_type,
    is_home,
    minutes,
    {{ safe_divide('minutes', 'team_minutes') }} as minutes_share,
    team_possessions * 5.0 * {{ safe_divide('minutes', 'team_minutes') }} as on_court_possessions,
    team_possessions,
    team_margin,
    plus_minus,
    team_margin - plus_minus as off_court_margin,
    {{ box_score_counts() }},
    game_score
from joined
