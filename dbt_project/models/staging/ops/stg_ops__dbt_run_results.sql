with

source as (

    select * from {{ source('ops', 'dbt_run_results') }}

),

renamed as (

    select
        result_id,
        run_id,
        invocation_id,
        command,
        unique_id,
        resource_type,
        status,
        coalesce(failures, 0) as failures,
        execution_time as execution_seconds,
        message,
        loaded_at

    from source

)

select * from renamed
