{#- The prior each team starts a season with, per form metric (docs block early_season_shrinkage):
    the team's previous-season final average regressed toward that season's league average,
        prior = league_prev + carryover * (team_prev - league_prev),
    else the previous season's league average (a team new to the data), else a fixed league
    baseline (the first season in the data; var league_baseline). Only earlier seasons are used. -#}
{%- set carryover = var('prior_carryover', 0.7) -%}
{%- set baseline = league_baseline() -%}
with

team_games as (

    select
        team_id,
        season,
        {{ season_start_year('season') }} as season_start_year,
        is_win::integer::double precision as win_pct,
        {%- for m in form_metrics() if m != 'win_pct' %}
        {{ m }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ ref('int_team_games_rated') }}
    where game_type in ({{ "'" ~ feature_game_types() | join("', '") ~ "'" }})

),

team_seasons as (

    select
        team_id,
        season_start_year,
        {%- for m in form_metrics() %}
        avg({{ m }}) as {{ m }}{{ "," if not loop.last }}
        {%- endfor %}
    from team_games
    group by team_id, season_start_year

),

league_seasons as (

    select
        season_start_year,
        {%- for m in form_metrics() %}
        avg({{ m }}) as {{ m }}{{ "," if not loop.last }}
        {%- endfor %}
    from team_games
    group by season_start_year

),

needed as (

    select distinct
        team_id,
        season,
        {{ season_start_year('season') }} as season_start_year
    from {{ ref('int_team_schedules_sequenced') }}

),

final as (

    select
        needed.team_id,
        needed.season,
        case
            when previous_team.team_id is not null then 'previous_season_regressed'
            when previous_league.season_start_year is not null then 'previous_league_average'
            else 'league_baseline'
        end as prior_source,
        {%- for m in form_metrics() %}
        coalesce(
            previous_league.{{ m }} + {{ carryover }} * (previous_team.{{ m }} - previous_league.{{ m }}),
            previous_league.{{ m }},
            {{ baseline[m] }}
        ) as prior_{{ m }}{{ "," if not loop.last }}
        {%- endfor %}
    from needed
    left join team_seasons as previous_team
        on
            needed.team_id = previous_team.team_id
            and needed.season_start_year - 1 = previous_team.season_start_year
    left join league_seasons as previous_league
        on needed.season_start_year - 1 = previous_league.season_start_year

)

select * from final
