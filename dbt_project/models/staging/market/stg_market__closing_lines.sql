with

source as (

    select * from {{ source('market', 'closing_lines') }}

),

renamed as (

    select
        game_id::text as game_id,
        season::text as season,
        game_date::date as game_date,
        home_team_abbr::text as home_team_abbr,
        away_team_abbr::text as away_team_abbr,
        home_spread::double precision as home_spread,
        total::double precision as total,
        home_moneyline::integer as home_moneyline,
        away_moneyline::integer as away_moneyline,
        source::text as line_source,
        _dlt_load_id::text as dlt_load_id

    from source

)

select * from renamed
