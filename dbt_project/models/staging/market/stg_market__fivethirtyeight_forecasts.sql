with

source as (

    select * from {{ source('market', 'fivethirtyeight_forecasts') }}

),

renamed as (

    select
        game_id::text as game_id,
        season::text as season,
        game_date::date as game_date,
        home_team_abbr::text as home_team_abbr,
        away_team_abbr::text as away_team_abbr,
        elo_prob_home::double precision as elo538_prob_home,
        raptor_prob_home::double precision as raptor538_prob_home,
        _dlt_load_id::text as dlt_load_id

    from source

)

select * from renamed
