select
    audit_id,
    run_id,
    step,
    status,
    rows_affected,
    started_at,
    finished_at
from {{ source('ops', 'pipeline_audit') }}
