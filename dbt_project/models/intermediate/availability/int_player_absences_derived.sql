{#- One row per 'out' event of the injured-list log: the mornings on which the player counts as
    unavailable for that team. An event logged on date E is usable from the morning after E (rows
    dated on a game day were logged after the fact), so the absence covers mornings D with
        out_since < D <= out_through
    out_through is the first of:
      - the next injured-list row for the same player and team (activation, return or a new status;
        a row dated N is itself only usable from the morning after N);
      - the date of the player's next box score after E, for any team (he played that night, so from
        the next morning he is known to be back) — game logs exist from 2021-22;
      - E + var('avail_dtd_ttl_days') for day-to-day entries, E + var('avail_il_ttl_days') for the
        rest: an absence nobody closed in the log is not assumed to last forever;
      - the end of the season (July 31; 2020-10-11 for the bubble season, macro season_end_date):
        nothing carries into the next season except what the log says during its off-season.
    Every bound is compared only with D, so deleting log rows dated on/after D or box scores of D and
    later can move a bound only from >= D to another value >= D: the set of absences covering D is
    unchanged (the leakage test checks this). -#}
with

events as (

    select * from {{ ref('int_injury_events_classified') }}

),

player_games as (

    select player_id, game_date from {{ ref('int_player_games_joined') }}

),

sequenced as (

    select
        *,
        lead(log_date) over (
            partition by team_id, player_key, season_start_year order by log_date, line_number
        ) as next_event_date,
        lead(movement) over (
            partition by team_id, player_key, season_start_year order by log_date, line_number
        ) as next_movement
    from events

),

outs as (

    select
        *,
        log_date + case when status = 'dtd' then {{ var('avail_dtd_ttl_days', 30) }}
            else {{ var('avail_il_ttl_days', 120) }} end as expires_on,
        {{ season_end_date('season_start_year') }} as season_end_date
    from sequenced
    where movement = 'out'

),

next_box_score as (

    select
        outs.log_id,
        min(player_games.game_date) as next_played_date
    from outs
    inner join player_games
        on
            outs.player_id = player_games.player_id
            and player_games.game_date > outs.log_date
            and player_games.game_date <= outs.season_end_date
    group by outs.log_id

),

bounded as (

    select
        outs.log_id,
        outs.team_id,
        outs.season,
        outs.season_start_year,
        outs.player_key,
        outs.player_id,
        outs.status,
        outs.notes,
        outs.log_date as out_since,
        outs.next_event_date,
        outs.next_movement,
        next_box_score.next_played_date,
        outs.expires_on,
        outs.season_end_date,
        least(
            coalesce(outs.next_event_date, outs.season_end_date),
            coalesce(next_box_score.next_played_date, outs.season_end_date),
            outs.expires_on,
            outs.season_end_date
        ) as out_through
    from outs
    left join next_box_score on outs.log_id = next_box_score.log_id

)

select
    *,
    case
        when out_through = next_played_date then 'played'
        when out_through = next_event_date and next_movement = 'in' then 'activated'
        when out_through = next_event_date then 'superseded'
        when out_through = expires_on then 'expired'
        else 'season_ended'
    end as ended_by
from bounded
