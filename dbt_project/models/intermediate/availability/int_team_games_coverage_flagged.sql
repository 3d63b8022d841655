{#- What is known about player availability on the morning of each team-game, per season:
      log_known    who is out is known: the injured-list log has a row of this season dated before
                   the game day, or the official injury report known that morning lists the game day;
      value_known  player value exists for the season: a prior (previous season's totals or game
                   logs) or a box score of this season dated before the game day. -#}
with

slots as (

    select game_id, team_id, season, game_date
    from {{ ref('int_team_schedules_sequenced') }}

),

first_log_rows as (

    select season, min(log_date) as first_log_date
    from {{ ref('int_injury_events_classified') }}
    group by season

),

first_player_games as (

    select season, min(game_date) as first_player_game_date
    from {{ ref('int_player_games_joined') }}
    group by season

),

prior_seasons as (

    select distinct season from {{ ref('int_player_priors_derived') }}

),

reported_days as (

    select distinct game_date from {{ ref('int_injury_report_statuses_latest') }}

)

select
    slots.game_id,
    slots.team_id,
    coalesce(first_log_rows.first_log_date < slots.game_date, false) or reported_days.game_date is not null
        as log_known,
    coalesce(
        prior_seasons.season is not null or first_player_games.first_player_game_date < slots.game_date, false
    ) as value_known
from slots
left join first_log_rows on slots.season = first_log_rows.season
left join first_player_games on slots.season = first_player_games.season
left join prior_seasons on slots.season = prior_seasons.season
left join reported_days on slots.game_date = reported_days.game_date
