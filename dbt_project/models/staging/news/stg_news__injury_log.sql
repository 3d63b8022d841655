with

source as (

    select * from {{ source('news', 'injury_log') }}

),

renamed as (

    select
        log_id::text as log_id,
        log_date::date as log_date,
        team_id::bigint as team_id,
        team_nickname::text as team_nickname,
        nullif(trim(acquired), '')::text as acquired_player,
        nullif(trim(relinquished), '')::text as relinquished_player,
        notes::text as notes,
        -- categorize: a row either brings a player back (acquired) or takes one out (relinquished)
        case
            when nullif(trim(relinquished), '') is not null then 'out'
            when nullif(trim(acquired), '') is not null then 'in'
            else 'unknown'
        end as movement,
        lower(trim(coalesce(nullif(trim(relinquished), ''), nullif(trim(acquired), '')))) as player_key,
        {{ season_start_year_of('log_date::date') }} as season_start_year,
        source_file::text as source_file,
        line_number::bigint as line_number,
        _dlt_load_id::text as dlt_load_id

    from source

)

select * from renamed
