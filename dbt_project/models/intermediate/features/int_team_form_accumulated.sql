{#- The state of a team's form AFTER each of its played games (game_number = k within the team-season):
    season-to-date, last-5, last-10 and exponentially weighted averages of every form metric, and the
    streak. Pregame features for a game use the state after the team's last game on an EARLIER date
    (int_team_pregame_form joins game_number = games_before), so no game ever sees its own result. -#}
{%- set decay = var('ewm_decay', 0.9) -%}
with

team_games as (

    select
        team_id,
        season,
        game_date,
        game_id,
        is_win::integer::double precision as win_pct,
        {%- for m in form_metrics() if m != 'win_pct' %}
        {{ m }},
        {%- endfor %}
        row_number() over (partition by team_id, season order by game_date, game_id) as game_number
    from {{ ref('int_team_games_rated') }}
    where game_type in ({{ "'" ~ feature_game_types() | join("', '") ~ "'" }})

),

weighted as (

    select
        *,
        -- EWMA weight a^-j: the weight of game j relative to the latest game k is a^(k-j)
        power({{ decay }}::double precision, -game_number) as ewm_weight
    from team_games

),

accumulated as (

    select
        team_id,
        season,
        game_number,
        game_date,
        game_id,
        win_pct as result_win,
        {%- for m in form_metrics() %}
        avg({{ m }}) over season_to_date as std_{{ m }},
        avg({{ m }}) over last_5 as l5_{{ m }},
        avg({{ m }}) over last_10 as l10_{{ m }},
        sum({{ m }} * ewm_weight) over season_to_date
        / sum(case when {{ m }} is not null then ewm_weight end) over season_to_date as ewm_{{ m }},
        {%- endfor %}
        count(*) over last_5 as l5_games,
        count(*) over last_10 as l10_games
    from weighted
    window
        season_to_date as (
            partition by team_id, season order by game_number
            rows between unbounded preceding and current row
        ),
        last_5 as (
            partition by team_id, season order by game_number
            rows between 4 preceding and current row
        ),
        last_10 as (
            partition by team_id, season order by game_number
            rows between 9 preceding and current row
        )

),

streak_groups as (

    select
        *,
        -- a new run starts whenever the result differs from the previous game's
        sum(run_start) over (
            partition by team_id, season order by game_number
            rows between unbounded preceding and current row
        ) as run_id
    from (
        select
            *,
            case
                when
                    result_win
                    = lag(result_win) over (partition by team_id, season order by game_number)
                    then 0
                else 1
            end as run_start
        from accumulated
    ) as flagged

),

final as (

    select
        *,
        -- +n after n straight wins, -n after n straight losses
        (case when result_win = 1 then 1 else -1 end)
        * row_number() over (partition by team_id, season, run_id order by game_number) as streak_after
    from streak_groups

)

select * from final
