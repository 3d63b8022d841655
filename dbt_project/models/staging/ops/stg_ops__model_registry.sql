{#- ops.model_registry (written by `courtside train` / `model promote`), renamed and cast only. -#}
with

source as (

    select * from {{ source('ops', 'model_registry') }}

),

renamed as (

    select
        version as model_version,
        status,
        model_kind,
        calibration,
        trained_at,
        train_start,
        train_end,
        trained_before,
        train_rows,
        feature_hash,
        jsonb_array_length(features) as feature_count,
        (validation_metrics ->> 'brier')::double precision as validation_brier,
        (validation_metrics ->> 'log_loss')::double precision as validation_log_loss,
        promoted_at,
        retired_at
    from source

)

select * from renamed
