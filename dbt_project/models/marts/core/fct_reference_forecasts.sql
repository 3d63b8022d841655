{#- FiveThirtyEight's published pre-game probabilities: the baseline our models must beat. -#}
with

forecasts as (

    select * from {{ ref('stg_market__fivethirtyeight_forecasts') }}

),

games as (

    select game_id from {{ ref('fct_games') }}

)

select
    forecasts.game_id,
    forecasts.elo538_prob_home,
    forecasts.raptor538_prob_home
from forecasts
inner join games on forecasts.game_id = games.game_id
