{#- Scored predictions of each model version aggregated over one period grain.
    One definition for the daily, weekly and seasonal performance marts. -#}
{% macro model_performance_by(period_start, period, grain) %}
with

outcomes as (

    select * from {{ ref('fct_prediction_outcomes') }}
    where is_scored

)

select
    model_version,
    {{ period_start }} as period_start,
    {{ period }} as period,
    count(*) as games,
    avg(is_correct::int)::double precision as accuracy,
    avg(brier) as brier,
    avg(log_loss) as log_loss,
    avg(prob_home) as mean_prob_home,
    avg(home_win::int)::double precision as home_win_rate
from outcomes
group by model_version, {{ grain }}
{% endmacro %}
