{#- One row per game (played and scheduled): each team's form, schedule, head-to-head and availability
    entering the game, as home_<f>, away_<f> and diff_<f> (= home - away). Every value comes from games
    on EARLIER dates only (see int_team_schedules_sequenced.games_before); tested by
    tests/leakage/assert_pregame_features_use_earlier_games_only.sql and
    tests/integration/test_warehouse_leakage.py.
    Incremental by game_id: a run recomputes games dated after (latest box score - lookback days),
    which covers every game whose inputs a daily load can change, and every game from
    var features_recompute_from on: the build job sets it to the earliest date of raw rows loaded
    since the last build (warehouse/reloads.py), so a late correction is never served stale. -#}
-- depends_on: {{ ref('fct_team_games') }}
{{
    config(
        materialized='incremental',
        unique_key='game_id',
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns',
    )
}}
with

games as (

    select * from {{ ref('fct_games') }}
    where game_type in ({{ "'" ~ feature_game_types() | join("', '") ~ "'" }})
    {%- if is_incremental() %}
        and game_date > least(
            (
                select coalesce(max(team_games.game_date), date '1900-01-01')
                from {{ ref('fct_team_games') }} as team_games
            ) - {{ var('features_lookback_days', 3) }},
            cast('{{ var("features_recompute_from", "9999-12-31") }}' as date) - 1
        )
    {%- endif %}

),

team_form as (

    select * from {{ ref('int_team_pregame_form') }}

),

matchups as (

    select * from {{ ref('int_matchups_pregame_summarized') }}

),

availability as (

    select * from {{ ref('int_team_availability_pregame') }}

),

final as (

    select
        games.game_id,
        games.season,
        games.game_date,
        games.home_team_id,
        games.away_team_id,
        games.is_neutral_site,
        {%- for stem, dtype in team_feature_columns(form_metrics(), form_windows()) %}
        home_form.{{ stem }}::{{ dtype }} as home_{{ stem }},
        away_form.{{ stem }}::{{ dtype }} as away_{{ stem }},
        (home_form.{{ stem }} - away_form.{{ stem }})::{{ dtype }} as diff_{{ stem }},
        {%- endfor %}
        matchups.home_h2h_season_wins::integer as home_h2h_season_wins,
        (matchups.h2h_season_games - matchups.home_h2h_season_wins)::integer as away_h2h_season_wins,
        (2 * matchups.home_h2h_season_wins - matchups.h2h_season_games)::integer as diff_h2h_season_wins,
        matchups.home_h2h_last3_wins::integer as home_h2h_last3_wins,
        (matchups.h2h_last3_games - matchups.home_h2h_last3_wins)::integer as away_h2h_last3_wins,
        (2 * matchups.home_h2h_last3_wins - matchups.h2h_last3_games)::integer as diff_h2h_last3_wins,
        matchups.home_h2h_last3_margin::double precision as home_h2h_last3_margin,
        (-matchups.home_h2h_last3_margin)::double precision as away_h2h_last3_margin,
        (2 * matchups.home_h2h_last3_margin)::double precision as diff_h2h_last3_margin,
        {%- for stem, dtype in availability_feature_columns() %}
        home_avail.avail_{{ stem }}::{{ dtype }} as home_avail_{{ stem }},
        away_avail.avail_{{ stem }}::{{ dtype }} as away_avail_{{ stem }},
        (home_avail.avail_{{ stem }}::{{ dtype }} - away_avail.avail_{{ stem }}::{{ dtype }})::{{ dtype }}
            as diff_avail_{{ stem }}{{ "," if not loop.last }}
        {%- endfor %}
        {%- for flag in availability_flag_columns() %},
        coalesce(least(home_avail.avail_{{ flag }}, away_avail.avail_{{ flag }}), 0)::integer as avail_{{ flag }}
        {%- endfor %}
    from games
    inner join team_form as home_form
        on
            games.game_id = home_form.game_id
            and games.home_team_id = home_form.team_id
    inner join team_form as away_form
        on
            games.game_id = away_form.game_id
            and games.away_team_id = away_form.team_id
    inner join matchups on games.game_id = matchups.game_id
    left join availability as home_avail
        on
            games.game_id = home_avail.game_id
            and games.home_team_id = home_avail.team_id
    left join availability as away_avail
        on
            games.game_id = away_avail.game_id
            and games.away_team_id = away_avail.team_id

)

select * from final
