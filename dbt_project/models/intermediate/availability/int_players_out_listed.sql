{#- Who is out on the morning of each team-game: one row per team-game per unavailable player.
    Two sources, with one precedence rule (docs block availability_features):
      - the league's official injury report, where the latest report known that morning lists the
        game day (int_injury_report_statuses_latest): for every player it lists, it decides; he is out
        when his status is Out;
      - the injured-list log for every player the report does not list (all of history in the
        bundled data): the absences covering that morning (int_player_absences_derived: log rows
        dated before the game day only). When two log entries cover the morning (a DTD row and an IL
        placement), the latest one gives the status. -#}
with

slots as (

    select game_id, team_id, season, game_date
    from {{ ref('int_team_schedules_sequenced') }}

),

absences as (

    select * from {{ ref('int_player_absences_derived') }}

),

reported as (

    select * from {{ ref('int_injury_report_statuses_latest') }}

),

logged_out as (

    select distinct on (slots.game_id, slots.team_id, absences.player_key)
        slots.game_id,
        slots.team_id,
        slots.season,
        slots.game_date,
        absences.player_key,
        absences.player_id,
        absences.status,
        absences.out_since,
        absences.log_id,
        'injured_list' as listed_by
    from slots
    inner join absences
        on
            slots.team_id = absences.team_id
            and slots.season = absences.season
            and absences.out_since < slots.game_date
            and absences.out_through >= slots.game_date
    order by slots.game_id, slots.team_id, absences.player_key, absences.out_since desc, absences.log_id

),

reported_out as (

    select
        slots.game_id,
        slots.team_id,
        slots.season,
        slots.game_date,
        reported.player_key,
        reported.player_id,
        'report_' || reported.reason_category as status,
        null::date as out_since,
        reported.report_row_id as log_id,
        'official_report' as listed_by
    from slots
    inner join reported
        on slots.team_id = reported.team_id and slots.game_date = reported.game_date
    where reported.status = 'out'

)

select * from reported_out

union all

select logged_out.*
from logged_out
left join reported
    on
        logged_out.team_id = reported.team_id
        and logged_out.game_date = reported.game_date
        and logged_out.player_key = reported.player_key
where reported.player_key is null
