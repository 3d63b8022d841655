{#- One row per game (int_games_reconciled) with both teams' abbreviations. -#}
with

games as (

    select * from {{ ref('int_games_reconciled') }}

),

teams as (

    select * from {{ ref('dim_teams') }}

),

final as (

    select
        games.game_id,
        games.season,
        games.game_date,
        games.game_type,
        games.home_team_id,
        games.away_team_id,
        home_teams.abbreviation as home_team_abbr,
        away_teams.abbreviation as away_team_abbr,
        games.home_score,
        games.away_score,
        games.home_win,
        games.is_neutral_site,
        games.tipoff_at,
        games.status
    from games
    left join teams as home_teams on games.home_team_id = home_teams.team_id
    left join teams as away_teams on games.away_team_id = away_teams.team_id

)

select * from final
