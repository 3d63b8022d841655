{#- Recent pipeline runs: the steps of ops.pipeline_audit and dlt's load packages (raw_*._dlt_loads),
    one row each, newest first by started_at. -#}
with

steps as (

    select
        'step:' || audit_id::text as run_key,
        'pipeline_step' as run_kind,
        run_id,
        step as name,
        status,
        started_at,
        finished_at,
        duration_seconds,
        rows_affected,
        error_message
    from {{ ref('stg_ops__pipeline_runs') }}

),

{%- set schemas = ['nba', 'market', 'news'] %}
dlt_loads as (

    {%- for s in schemas %}
    select
        'dlt:{{ s }}:' || load_id as run_key,
        'dlt_load' as run_kind,
        load_id as run_id,
        'dlt ' || schema_name as name,
        case when status = 0 then 'succeeded' else 'failed' end as status,
        to_timestamp(load_id::double precision) as started_at,
        inserted_at as finished_at,
        extract(epoch from (inserted_at - to_timestamp(load_id::double precision)))::double precision
            as duration_seconds,
        null::bigint as rows_affected,
        null::text as error_message
    from {{ source(s, '_dlt_loads') }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

)

select * from steps
union all
select * from dlt_loads
