{#- Every recorded walk-forward backtest run: each forecaster's scores on the run's games. -#}
with

predictions as (

    select * from {{ source('ops', 'backtest_predictions') }}

),

runs as (

    select * from {{ source('ops', 'backtest_runs') }}

)

select
    p.run_id,
    p.season,
    p.refit,
    p.model_name,
    r.finished_at,
    count(*) as games,
    avg(((p.prob_home >= 0.5) = p.home_win)::int)::double precision as accuracy,
    avg(power(p.prob_home - p.home_win::int, 2)) as brier,
    avg(-(p.home_win::int * ln(greatest(least(p.prob_home, 1 - 1e-15), 1e-15))
          + (1 - p.home_win::int) * ln(greatest(least(1 - p.prob_home, 1 - 1e-15), 1e-15)))) as log_loss
from predictions as p
inner join runs as r on r.run_id = p.run_id
where r.status = 'succeeded'
group by p.run_id, p.season, p.refit, p.model_name, r.finished_at
