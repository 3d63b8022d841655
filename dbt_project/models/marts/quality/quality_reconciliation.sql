{#- Reconciliation checks, one row per (check, season): how many rows were checked and how many failed.
    Checks: two team rows per final game; team points = game score; plus-minus = points - opponent
    points; plus-minus of the two rows sums to 0; one winner per game; lines / forecasts match a game. -#}
with

team_games as (

    select * from {{ ref('stg_nba__team_game_logs') }}

),

games as (

    select * from {{ ref('fct_games') }}

),

rows_per_game as (

    select game_id, min(season) as season, count(*) as team_rows,
        sum(plus_minus) as plus_minus_sum, count(*) filter (where is_win) as winners
    from team_games
    group by game_id

),

checks as (

    select
        'two_team_rows_per_game' as check_name,
        season,
        count(*) as checked_rows,
        count(*) filter (where team_rows <> 2) as failed_rows
    from rows_per_game
    group by season

    union all

    select
        'plus_minus_sums_to_zero',
        season,
        count(*),
        count(*) filter (where plus_minus_sum <> 0)
    from rows_per_game
    group by season

    union all

    select
        'one_winner_per_game',
        season,
        count(*),
        count(*) filter (where winners <> 1)
    from rows_per_game
    group by season

    union all

    select
        'team_points_equal_game_score',
        team_games.season,
        count(*),
        count(*) filter (
            where team_games.pts is distinct from
            case when team_games.team_id = games.home_team_id then games.home_score else games.away_score end
        )
    from team_games
    inner join games on team_games.game_id = games.game_id
    group by team_games.season

    union all

    select
        'plus_minus_equals_points_difference',
        team_games.season,
        count(*),
        count(*) filter (where team_games.plus_minus <> team_games.pts - opponents.pts)
    from team_games
    inner join team_games as opponents
        on team_games.game_id = opponents.game_id and team_games.opponent_team_id = opponents.team_id
    group by team_games.season

    union all

    select
        'final_games_have_lines',
        games.season,
        count(*),
        count(*) filter (where lines.game_id is null)
    from games
    left join {{ ref('stg_market__closing_lines') }} as lines on games.game_id = lines.game_id
    where games.status = 'final'
    group by games.season

)

select
    check_name || ':' || season as check_id,
    check_name,
    season,
    checked_rows,
    failed_rows,
    failed_rows = 0 as passed
from checks
