{#- Pre-game betting lines per game (only games fct_games knows about). -#}
with

lines as (

    select * from {{ ref('stg_market__closing_lines') }}

),

games as (

    select game_id from {{ ref('fct_games') }}

)

select
    lines.game_id,
    lines.home_spread,
    lines.total,
    lines.home_moneyline,
    lines.away_moneyline,
    lines.line_source
from lines
inner join games on lines.game_id = games.game_id
