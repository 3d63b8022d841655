{#- Every team's timeline: one row per team per game (played or only scheduled), ordered by date
    within the team-season. Everything here is known before tip-off: the schedule itself and how
    many of the team's games before this date have a final box score (games_before). -#}
with

games as (

    select * from {{ ref('int_games_reconciled') }}
    where game_type in ({{ "'" ~ feature_game_types() | join("', '") ~ "'" }})

),

teams as (

    select * from {{ ref('teams') }}

),

team_slots as (

    select
        game_id,
        season,
        game_date,
        home_team_id as team_id,
        away_team_id as opponent_team_id,
        true as is_home,
        home_team_id as venue_team_id,
        status = 'final' as is_played
    from games

    union all

    select
        game_id,
        season,
        game_date,
        away_team_id as team_id,
        home_team_id as opponent_team_id,
        false as is_home,
        home_team_id as venue_team_id,
        status = 'final' as is_played
    from games

),

located as (

    select
        team_slots.*,
        venues.latitude as venue_latitude,
        venues.longitude as venue_longitude,
        home_arenas.latitude as home_latitude,
        home_arenas.longitude as home_longitude
    from team_slots
    left join teams as venues on team_slots.venue_team_id = venues.team_id
    left join teams as home_arenas on team_slots.team_id = home_arenas.team_id

),

sequenced as (

    select
        *,
        -- final box scores of this team-season strictly before this game (a team plays at most once a date)
        count(*) filter (where is_played) over (
            partition by team_id, season order by game_date, game_id
            rows between unbounded preceding and 1 preceding
        ) as games_before,
        lag(game_date) over (partition by team_id, season order by game_date, game_id) as previous_game_date,
        lag(venue_latitude) over (partition by team_id, season order by game_date, game_id) as previous_latitude,
        lag(venue_longitude) over (partition by team_id, season order by game_date, game_id) as previous_longitude,
        count(*) over (
            partition by team_id order by game_date
            range between interval '3 days' preceding and interval '1 day' preceding
        ) as games_in_previous_3_days,
        count(*) over (
            partition by team_id order by game_date
            range between interval '7 days' preceding and interval '1 day' preceding
        ) as games_in_last_7_days
    from located

),

final as (

    select
        game_id,
        team_id,
        opponent_team_id,
        season,
        game_date,
        is_home,
        is_played,
        coalesce(games_before, 0) as games_before,
        previous_game_date,
        -- days off between games, capped; a season opener gets the cap (a full summer of rest)
        least(
            coalesce(game_date - previous_game_date - 1, {{ var('rest_days_cap', 7) }}),
            {{ var('rest_days_cap', 7) }}
        ) as rest_days,
        coalesce(game_date - previous_game_date = 1, false) as is_back_to_back,
        games_in_previous_3_days >= 2 as is_third_game_in_4_days,
        games_in_last_7_days,
        -- from the previous game's arena; a season opener travels from the team's own arena
        {{ haversine_km('coalesce(previous_latitude, home_latitude)',
                        'coalesce(previous_longitude, home_longitude)',
                        'venue_latitude', 'venue_longitude') }} as travel_km
    from sequenced

)

select * from final
