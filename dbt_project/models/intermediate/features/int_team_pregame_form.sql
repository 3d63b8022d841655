{#- One row per team per game (played or scheduled): the team's form entering the game. The state
    joined is the one after the team's games_before-th game of the season, i.e. after its last game on
    an earlier date. Early-season values are shrunk toward the team's prior (docs block
    early_season_shrinkage) so a season opener gets exactly the prior: no NULLs, no silent zeros. -#}
{%- set k = var('shrinkage_k', 8) -%}
{%- set decay = var('ewm_decay', 0.9) -%}
with

slots as (

    select * from {{ ref('int_team_schedules_sequenced') }}

),

form as (

    select * from {{ ref('int_team_form_accumulated') }}

),

priors as (

    select * from {{ ref('int_team_priors_derived') }}

),

joined as (

    select
        slots.*,
        priors.prior_source,
        coalesce(form.streak_after, 0) as streak,
        coalesce(form.l5_games, 0) as l5_games,
        coalesce(form.l10_games, 0) as l10_games,
        least(slots.games_before, {{ (1.0 / (1.0 - decay)) | round(6) }}) as ewm_games,
        {%- for m in form_metrics() %}
        priors.prior_{{ m }},
        form.std_{{ m }},
        form.l5_{{ m }},
        form.l10_{{ m }},
        form.ewm_{{ m }}{{ "," if not loop.last }}
        {%- endfor %}
    from slots
    left join form
        on
            slots.team_id = form.team_id
            and slots.season = form.season
            and slots.games_before = form.game_number
    left join priors
        on
            slots.team_id = priors.team_id
            and slots.season = priors.season

),

season_to_date as (

    select
        *,
        {%- for m in form_metrics() %}
        {{ shrink('std_' ~ m, 'games_before', 'prior_' ~ m, k) }} as {{ m }}_std{{ "," if not loop.last }}
        {%- endfor %}
    from joined

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
        prior_source,
        games_before as games_played,
        streak,
        rest_days,
        is_back_to_back::integer as is_back_to_back,
        is_third_game_in_4_days::integer as is_third_game_in_4_days,
        games_in_last_7_days,
        travel_km,
        {%- for m in form_metrics() %}
        {{ m }}_std,
        -- the part of the window without games yet is filled with the season-to-date estimate
        (l5_games * coalesce(l5_{{ m }}, 0) + (5 - l5_games) * {{ m }}_std) / 5.0 as {{ m }}_l5,
        (l10_games * coalesce(l10_{{ m }}, 0) + (10 - l10_games) * {{ m }}_std) / 10.0 as {{ m }}_l10,
        {{ shrink('ewm_' ~ m, 'ewm_games', 'prior_' ~ m, k) }} as {{ m }}_ewm{{ "," if not loop.last }}
        {%- endfor %}
    from season_to_date

)

select * from final
