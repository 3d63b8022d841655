{#- One row per player per game played with his team's context (int_player_games_joined). -#}
select * from {{ ref('int_player_games_joined') }}
