with

source as (

    select * from {{ source('ops', 'pipeline_audit') }}

),

renamed as (

    select
        audit_id,
        run_id,
        step,
        status,
        rows_affected,
        started_at,
        finished_at,
        extract(epoch from (finished_at - started_at))::double precision as duration_seconds,
        error as error_message

    from source

)

select * from renamed
