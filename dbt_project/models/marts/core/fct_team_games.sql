{#- One row per team per played game with the advanced metrics (see docs blocks in macros/basketball). -#}
with

rated as (

    select * from {{ ref('int_team_games_rated') }}

),

teams as (

    select * from {{ ref('dim_teams') }}

)

select
    rated.game_id || '-' || rated.team_id::text as team_game_id,
    rated.game_id,
    rated.team_id,
    rated.opponent_team_id,
    teams.abbreviation as team_abbr,
    opponents.abbreviation as opponent_abbr,
    rated.season,
    rated.game_date,
    rated.game_type,
    rated.is_home,
    rated.is_neutral_site,
    rated.is_win,
    rated.team_minutes,
    rated.pts as points,
    rated.opp_pts as opponent_points,
    rated.plus_minus,
    rated.fgm,
    rated.fga,
    rated.fg3m,
    rated.fg3a,
    rated.ftm,
    rated.fta,
    rated.oreb,
    rated.dreb,
    rated.reb,
    rated.ast,
    rated.stl,
    rated.blk,
    rated.tov,
    rated.pf,
    rated.team_possession_estimate,
    rated.possessions,
    rated.pace,
    rated.off_rating,
    rated.def_rating,
    rated.net_rating,
    rated.efg_pct,
    rated.ts_pct,
    rated.tov_pct,
    rated.orb_pct,
    rated.ft_rate
from rated
left join teams on rated.team_id = teams.team_id
left join teams as opponents on rated.opponent_team_id = opponents.team_id
