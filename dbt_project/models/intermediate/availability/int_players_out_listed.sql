{#- Who is out on the morning of each team-game: one row per team-game per unavailable player,
    from the absences covering that morning (int_player_absences_derived: log rows dated before the
    game day only). When two entries cover the morning (a DTD row and an IL placement), the latest
    one gives the status. -#}
with

slots as (

    select game_id, team_id, season, game_date
    from {{ ref('int_team_schedules_sequenced') }}

),

absences as (

    select * from {{ ref('int_player_absences_derived') }}

)

select distinct on (slots.game_id, slots.team_id, absences.player_key)
    slots.game_id,
    slots.team_id,
    slots.season,
    slots.game_date,
    absences.player_key,
    absences.player_id,
    absences.status,
    absences.out_since,
    absences.log_id
from slots
inner join absences
    on
        slots.team_id = absences.team_id
        and slots.season = absences.season
        and absences.out_since < slots.game_date
        and absences.out_through >= slots.game_date
order by slots.game_id, slots.team_id, absences.player_key, absences.out_since desc, absences.log_id
