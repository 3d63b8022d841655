{#- Head-to-head entering each game, from the home team's side: meetings of the two teams earlier
    this season (and how many the home team won), and the last three meetings of any season (home
    team's wins and average point margin). Only final games on earlier dates count; games_before-style
    counting (rows ... 1 preceding) and a join to the state after that meeting keep it leakage-safe. -#}
with

games as (

    select * from {{ ref('int_games_reconciled') }}
    where game_type in ({{ "'" ~ feature_game_types() | join("', '") ~ "'" }})

),

oriented as (

    -- orient every game from the pair's lower team id ("team a") so both directions share a partition
    select
        game_id,
        season,
        game_date,
        home_team_id,
        least(home_team_id, away_team_id) as team_a_id,
        greatest(home_team_id, away_team_id) as team_b_id,
        status = 'final' as is_played,
        case
            when status = 'final' and home_team_id < away_team_id then home_score - away_score
            when status = 'final' then away_score - home_score
        end as team_a_margin
    from games

),

counted as (

    select
        *,
        (team_a_margin > 0)::integer as team_a_win,
        count(*) filter (where is_played) over pair_before as meetings_before,
        count(*) filter (where is_played) over pair_season_before as season_meetings_before,
        coalesce(sum((team_a_margin > 0)::integer) over pair_season_before, 0) as season_team_a_wins_before
    from oriented
    window
        pair_before as (
            partition by team_a_id, team_b_id order by game_date, game_id
            rows between unbounded preceding and 1 preceding
        ),
        pair_season_before as (
            partition by team_a_id, team_b_id, season order by game_date, game_id
            rows between unbounded preceding and 1 preceding
        )

),

meetings as (

    -- state after each played meeting (meeting_number = n): the last three meetings up to it
    select
        team_a_id,
        team_b_id,
        meeting_number,
        count(*) over last_3 as last3_meetings,
        sum(team_a_win) over last_3 as last3_team_a_wins,
        avg(team_a_margin) over last_3 as last3_team_a_margin
    from (
        select
            *,
            row_number() over (partition by team_a_id, team_b_id order by game_date, game_id) as meeting_number
        from counted
        where is_played
    ) as played
    window last_3 as (
        partition by team_a_id, team_b_id order by meeting_number
        rows between 2 preceding and current row
    )

),

joined as (

    select
        counted.game_id,
        counted.home_team_id = counted.team_a_id as home_is_team_a,
        counted.season_meetings_before,
        counted.season_team_a_wins_before,
        coalesce(meetings.last3_meetings, 0) as last3_meetings,
        coalesce(meetings.last3_team_a_wins, 0) as last3_team_a_wins,
        -- no earlier meeting: a neutral margin of 0 (the count columns say there were none)
        coalesce(meetings.last3_team_a_margin, 0) as last3_team_a_margin
    from counted
    left join meetings
        on
            counted.team_a_id = meetings.team_a_id
            and counted.team_b_id = meetings.team_b_id
            and counted.meetings_before = meetings.meeting_number

),

final as (

    select
        game_id,
        season_meetings_before as h2h_season_games,
        case
            when home_is_team_a then season_team_a_wins_before
            else season_meetings_before - season_team_a_wins_before
        end as home_h2h_season_wins,
        last3_meetings as h2h_last3_games,
        case when home_is_team_a then last3_team_a_wins else last3_meetings - last3_team_a_wins end
            as home_h2h_last3_wins,
        case when home_is_team_a then last3_team_a_margin else -last3_team_a_margin end
            as home_h2h_last3_margin
    from joined

)

select * from final
