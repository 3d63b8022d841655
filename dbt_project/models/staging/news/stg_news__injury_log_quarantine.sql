with

source as (

    select * from {{ source('news', 'injury_log_quarantine') }}

),

renamed as (

    select
        log_id::text as log_id,
        source_file::text as source_file,
        line_number::bigint as line_number,
        raw_date::text as raw_date,
        raw_team::text as raw_team,
        acquired::text as acquired_player,
        relinquished::text as relinquished_player,
        notes::text as notes,
        reason::text as reason,
        _dlt_load_id::text as dlt_load_id

    from source

)

select * from renamed
