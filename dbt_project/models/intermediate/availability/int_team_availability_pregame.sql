{#- Player availability per team per game, as of the morning of the game (docs block
    availability_features). Everything is computed from injured-list rows dated before the game day
    and box scores of earlier games.

    Knowledge flags (explicit): a feature governed by a flag that is 0 holds 0, and that 0 means
    "unknown", not "nobody out" (fct_pregame_features keeps feature columns non-null; the flag is the
    model's way to tell the two apart).
      avail_log_known    the injured-list log has rows for this season dated before the game day;
                         governs every other column.
      avail_value_known  player value exists for the season (previous season's totals or game logs,
                         or game logs of this season before the game); governs rotation, value and
                         on/off (0 in 2015-16 .. 2018-19 here).
      avail_minutes_known player game logs exist for at least one of the team's games this season
                         before the game day; governs avail_min_share_out_l10.
    Features:
      avail_players_out        players listed out that morning (matched or not);
      avail_rotation_out       of those, rotation players (expected minutes >= var avail_rotation_mpg);
      avail_value_out          sum of their pregame value (Game Score points per game above replacement);
      avail_onoff_out          sum of expected-minutes-weighted on/off per 100 of the players out;
      avail_min_share_out_l10  share of the team's player minutes in its last 10 games (this season,
                               before the game day) played by the players out; governed by
                               avail_minutes_known (0 before 2021-22 and before a team's first logged
                               game of the season);
      avail_returning          players whose absence ended (activated, or played again) in the 7 days
                               before the game day. -#}
with

slots as (

    select
        game_id,
        team_id,
        season,
        game_date,
        games_before
    from {{ ref('int_team_schedules_sequenced') }}

),

events as (

    select * from {{ ref('int_injury_events_classified') }}

),

values_out as (

    select * from {{ ref('int_player_values_pregame') }}

),

absences as (

    select * from {{ ref('int_player_absences_derived') }}

),

player_games as (

    select * from {{ ref('fct_player_games') }}

),

priors as (

    select distinct season from {{ ref('int_player_priors_derived') }}

),

season_starts as (

    -- the first log row and the first box score of each season: knowledge exists from the morning after
    select
        seasons.season,
        (select min(events.log_date) from events where events.season = seasons.season) as first_log_date,
        (select min(player_games.game_date) from player_games where player_games.season = seasons.season)
            as first_player_game_date,
        exists(select 1 from priors where priors.season = seasons.season) as has_priors
    from (select distinct season from slots) as seasons

),

coverage as (

    select
        slots.game_id,
        slots.team_id,
        coalesce(season_starts.first_log_date < slots.game_date, false) as log_known,
        coalesce(season_starts.has_priors or season_starts.first_player_game_date < slots.game_date, false)
            as value_known
    from slots
    left join season_starts on slots.season = season_starts.season

),

played as (

    select
        slots.game_id,
        slots.team_id,
        slots.season,
        slots.games_before + 1 as game_number
    from slots
    inner join {{ ref('fct_team_games') }} as team_games
        on slots.game_id = team_games.game_id and slots.team_id = team_games.team_id

),

recent_games as (

    -- the team's last (up to) 10 games of this season before the game day
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

),

recent_minutes as (

    select
        recent_games.target_game_id as game_id,
        recent_games.team_id,
        player_games.player_id,
        sum(player_games.minutes) as minutes
    from recent_games
    inner join player_games
        on recent_games.game_id = player_games.game_id and recent_games.team_id = player_games.team_id
    group by recent_games.target_game_id, recent_games.team_id, player_games.player_id

),

recent_team_minutes as (

    select game_id, team_id, sum(minutes) as minutes
    from recent_minutes
    group by game_id, team_id

),

out_summary as (

    select
        values_out.game_id,
        values_out.team_id,
        count(*) as players_out,
        count(*) filter (where values_out.is_rotation) as rotation_out,
        sum(values_out.player_value) as value_out,
        sum(values_out.expected_minutes / 48.0 * values_out.onoff_per100) as onoff_out,
        sum(coalesce(recent_minutes.minutes, 0)) as recent_minutes_out
    from values_out
    left join recent_minutes
        on
            values_out.game_id = recent_minutes.game_id
            and values_out.team_id = recent_minutes.team_id
            and values_out.player_id = recent_minutes.player_id
    group by values_out.game_id, values_out.team_id

),

returned as (

    select
        slots.game_id,
        slots.team_id,
        count(distinct absences.player_key) as returning_players
    from slots
    inner join absences
        on
            slots.team_id = absences.team_id
            and slots.season = absences.season
            and absences.ended_by in ('played', 'activated')
            and absences.out_through < slots.game_date
            and absences.out_through >= slots.game_date - 7
    left join values_out
        on
            slots.game_id = values_out.game_id
            and slots.team_id = values_out.team_id
            and absences.player_key = values_out.player_key
    where values_out.player_key is null
    group by slots.game_id, slots.team_id

)

select
    slots.game_id,
    slots.team_id,
    coverage.log_known::integer as avail_log_known,
    (coverage.log_known and coverage.value_known)::integer as avail_value_known,
    case when coverage.log_known then coalesce(out_summary.players_out, 0) else 0 end as avail_players_out,
    case when coverage.log_known and coverage.value_known
            then coalesce(out_summary.rotation_out, 0) else 0 end as avail_rotation_out,
    case when coverage.log_known and coverage.value_known
            then coalesce(out_summary.value_out, 0) else 0 end as avail_value_out,
    case when coverage.log_known and coverage.value_known
            then coalesce(out_summary.onoff_out, 0) else 0 end as avail_onoff_out,
    (coverage.log_known and coalesce(recent_team_minutes.minutes, 0) > 0)::integer as avail_minutes_known,
    case when coverage.log_known and recent_team_minutes.minutes > 0
            then coalesce(out_summary.recent_minutes_out, 0) / recent_team_minutes.minutes else 0 end
        as avail_min_share_out_l10,
    case when coverage.log_known then coalesce(returned.returning_players, 0) else 0 end as avail_returning
from slots
inner join coverage on slots.game_id = coverage.game_id and slots.team_id = coverage.team_id
left join out_summary on slots.game_id = out_summary.game_id and slots.team_id = out_summary.team_id
left join recent_team_minutes
    on slots.game_id = recent_team_minutes.game_id and slots.team_id = recent_team_minutes.team_id
left join returned on slots.game_id = returned.game_id and slots.team_id = returned.team_id
