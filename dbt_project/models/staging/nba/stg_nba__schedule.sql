with

source as (

    select * from {{ source('nba', 'schedule') }}

),

renamed as (

    select
        game_id::text as game_id,
        season::text as season,
        game_date::date as game_date,
        game_type::text as game_type,
        home_team_id::bigint as home_team_id,
        away_team_id::bigint as away_team_id,
        coalesce(is_neutral_site, false)::boolean as is_neutral_site,
        tipoff_at::timestamptz as tipoff_at,
        lower(status)::text as schedule_status,
        source::text as schedule_source,
        _dlt_load_id::text as dlt_load_id

    from source

)

select * from renamed
