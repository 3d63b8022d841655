{#- Players back for each team-game: absences of this season that ended (activated, or he played
    again) in the 7 days before the game day, of players not listed out again that morning. -#}
with

slots as (

    select game_id, team_id, season, game_date
    from {{ ref('int_team_schedules_sequenced') }}

),

absences as (

    select * from {{ ref('int_player_absences_derived') }}

),

out_players as (

    select game_id, team_id, player_key from {{ ref('int_players_out_listed') }}

)

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
left join out_players
    on
        slots.game_id = out_players.game_id
        and slots.team_id = out_players.team_id
        and absences.player_key = out_players.player_key
where out_players.player_key is null
group by slots.game_id, slots.team_id
