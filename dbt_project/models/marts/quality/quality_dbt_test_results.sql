{#- dbt test results as data: every test / unit-test result of every recorded build (loaded from
    run_results.json into ops.dbt_run_results after each build, so a build shows the previous builds). -#}
with

results as (

    select * from {{ ref('stg_ops__dbt_run_results') }}
    where resource_type in ('test', 'unit_test')

),

latest as (

    select invocation_id
    from results
    order by loaded_at desc, result_id desc
    limit 1

)

select
    results.result_id,
    results.run_id,
    results.invocation_id,
    results.invocation_id = latest.invocation_id as is_latest_build,
    results.unique_id,
    split_part(results.unique_id, '.', 3) as test_name,
    results.resource_type,
    results.status,
    results.status in ('pass', 'success') as passed,
    results.failures,
    results.execution_seconds,
    results.message,
    results.loaded_at
from results
cross join latest
