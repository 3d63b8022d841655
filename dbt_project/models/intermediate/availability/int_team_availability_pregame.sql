{#- Player availability per team per game, as of the morning of the game (docs block
    availability_features). Everything is computed from injured-list rows dated before the game day,
    the official injury report of that morning and box scores of earlier games.

    Knowledge flags (explicit): a feature governed by a flag that is 0 holds 0, and that 0 means
    "unknown", not "nobody out" (fct_pregame_features keeps feature columns non-null; the flag is the
    model's way to tell the two apart).
      avail_log_known    who is out is known: the injured-list log has rows for this season dated
                         before the game day, or that morning's official report lists the day;
                         governs every other column.
      avail_value_known  player value exists for the season (previous season's totals or game logs,
                         or game logs of this season before the game); governs rotation and value
                         (0 in 2015-16 .. 2018-19 here).
      avail_minutes_known player game logs exist for at least one of the team's games this season
                         before the game day; governs avail_min_share_out_l10.
    Features:
      avail_players_out        players listed out that morning (matched or not);
      avail_rotation_out       of those, rotation players (expected minutes >= var avail_rotation_mpg);
      avail_value_out          sum of their pregame value (Game Score points per game above replacement);
      avail_min_share_out_l10  share of the team's player minutes in its last 10 games (this season,
                               before the game day) played by the players out; governed by
                               avail_minutes_known (0 before 2021-22 and before a team's first logged
                               game of the season);
      avail_returning          players whose absence ended (activated, or played again) in the 7 days
                               before the game day. -#}
with

slots as (

    select game_id, team_id from {{ ref('int_team_schedules_sequenced') }}

),

coverage as (

    select * from {{ ref('int_team_games_coverage_flagged') }}

),

values_out as (

    select * from {{ ref('int_player_values_pregame') }}

),

recent_minutes as (

    select * from {{ ref('int_team_recent_minutes_summed') }}

),

recent_team_minutes as (

    select game_id, team_id, sum(minutes order by player_id) as minutes
    from recent_minutes
    group by game_id, team_id

),

out_summary as (

    select
        values_out.game_id,
        values_out.team_id,
        count(*) as players_out,
        count(*) filter (where values_out.is_rotation) as rotation_out,
        -- floating-point sums in a fixed order: the same inputs give the same bits whatever the plan
        sum(values_out.player_value order by values_out.player_key) as value_out,
        sum(coalesce(recent_minutes.minutes, 0) order by values_out.player_key) as recent_minutes_out
    from values_out
    left join recent_minutes
        on
            values_out.game_id = recent_minutes.game_id
            and values_out.team_id = recent_minutes.team_id
            and values_out.player_id = recent_minutes.player_id
    group by values_out.game_id, values_out.team_id

),

returned as (

    select * from {{ ref('int_team_returns_counted') }}

),

flagged as (

    select
        slots.game_id,
        slots.team_id,
        coverage.log_known,
        coverage.log_known and coverage.value_known as value_known,
        coverage.log_known and coalesce(recent_team_minutes.minutes, 0) > 0 as minutes_known,
        out_summary.players_out,
        out_summary.rotation_out,
        out_summary.value_out,
        out_summary.recent_minutes_out,
        recent_team_minutes.minutes as recent_team_minutes,
        returned.returning_players
    from slots
    inner join coverage on slots.game_id = coverage.game_id and slots.team_id = coverage.team_id
    left join out_summary on slots.game_id = out_summary.game_id and slots.team_id = out_summary.team_id
    left join recent_team_minutes
        on slots.game_id = recent_team_minutes.game_id and slots.team_id = recent_team_minutes.team_id
    left join returned on slots.game_id = returned.game_id and slots.team_id = returned.team_id

)

select
    game_id,
    team_id,
    log_known::integer as avail_log_known,
    value_known::integer as avail_value_known,
    {{ known_or_zero('log_known', 'players_out') }} as avail_players_out,
    {{ known_or_zero('value_known', 'rotation_out') }} as avail_rotation_out,
    {{ known_or_zero('value_known', 'value_out') }} as avail_value_out,
    minutes_known::integer as avail_minutes_known,
    {{ known_or_zero('minutes_known', 'recent_minutes_out / recent_team_minutes') }} as avail_min_share_out_l10,
    {{ known_or_zero('log_known', 'returning_players') }} as avail_returning
from flagged
