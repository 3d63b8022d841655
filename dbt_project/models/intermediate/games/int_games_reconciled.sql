{#- One row per game: every game with a box score (final) plus every scheduled game without one.
    status = 'final' exactly when both teams' box scores are loaded; scores are null otherwise. -#}
with

team_games as (

    select * from {{ ref('stg_nba__team_game_logs') }}

),

schedule as (

    select * from {{ ref('stg_nba__schedule') }}

),

played as (

    select
        game_id,
        min(season) as season,
        min(game_date) as game_date,
        min(game_type) as game_type,
        max(team_id) filter (where is_home) as home_team_id,
        max(team_id) filter (where not is_home) as away_team_id,
        max(pts) filter (where is_home) as home_score,
        max(pts) filter (where not is_home) as away_score,
        bool_or(is_neutral_site) as is_neutral_site
    from team_games
    group by game_id
    having count(*) = 2

),

unplayed as (

    select
        schedule.game_id,
        schedule.season,
        schedule.game_date,
        schedule.game_type,
        schedule.home_team_id,
        schedule.away_team_id,
        null::integer as home_score,
        null::integer as away_score,
        schedule.is_neutral_site,
        schedule.tipoff_at,
        case when schedule.schedule_status = 'in_progress' then 'in_progress' else 'scheduled' end as status
    from schedule
    where not exists (select 1 from played where played.game_id = schedule.game_id)

),

games as (

    select
        played.game_id,
        played.season,
        played.game_date,
        played.game_type,
        -- the schedule's home team wins when NBA.com printed '@' on both rows (newer neutral-site games)
        coalesce(played.home_team_id, schedule.home_team_id) as home_team_id,
        coalesce(played.away_team_id, schedule.away_team_id) as away_team_id,
        played.home_score,
        played.away_score,
        coalesce(played.is_neutral_site, false) or coalesce(schedule.is_neutral_site, false) as is_neutral_site,
        schedule.tipoff_at,
        'final' as status
    from played
    left join schedule on played.game_id = schedule.game_id

    union all

    select
        game_id,
        season,
        game_date,
        game_type,
        home_team_id,
        away_team_id,
        home_score,
        away_score,
        is_neutral_site,
        tipoff_at,
        status
    from unplayed

),

final as (

    select
        game_id,
        season,
        game_date,
        game_type,
        home_team_id,
        away_team_id,
        home_score,
        away_score,
        case when status = 'final' then home_score > away_score end as home_win,
        is_neutral_site,
        tipoff_at,
        status
    from games

)

select * from final
