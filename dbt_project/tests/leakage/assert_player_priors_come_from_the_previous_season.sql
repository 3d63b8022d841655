{#- LEAKAGE TEST (build-breaking). A player's prior for season S is what was known before S started:
    his regular-season game logs of S-1 or, without them, the season totals of S-1 (loaded only once
    S-1 had ended). The previous season's games are recounted here from the staged logs and totals,
    independently of int_player_priors_derived, and every prior must match; a season's own logs or
    end-of-season totals used as its prior return rows. The daily build (var data_tests_from_season)
    checks the seasons it can change only. -#}
with

priors as (

    select * from {{ ref('int_player_priors_derived') }}
    {%- if var('data_tests_from_season', none) %}
        where season >= '{{ var("data_tests_from_season") }}'
    {%- endif %}

),

logs as (

    select
        player_id,
        season,
        count(*) as games
    from {{ ref('int_player_games_joined') }}
    where game_type = 'regular_season'
    group by player_id, season

),

totals as (

    select
        player_id,
        season,
        games_played as games
    from {{ ref('stg_nba__player_season_totals') }}
    where games_played > 0

),

recounted as (

    select
        priors.player_id,
        priors.season,
        priors.previous_season,
        priors.prior_games,
        coalesce(logs.games, totals.games) as previous_season_games
    from priors
    left join logs
        on
            priors.player_id = logs.player_id
            and logs.season = {{ season_label(season_start_year('priors.season') ~ ' - 1') }}
    left join totals
        on
            priors.player_id = totals.player_id
            and totals.season = {{ season_label(season_start_year('priors.season') ~ ' - 1') }}

)

select *
from recounted
where prior_games is distinct from previous_season_games
