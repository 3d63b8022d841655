{#- Each player's regular-season totals as published after the season: the prior a later season's
    player ratings start from (never used for the season itself: the leakage tests hold that). -#}
with

totals as (

    select * from {{ ref('stg_nba__player_season_totals') }}

)

select * from totals
