{#- Calibration bins (10 equal-width bins of P(home)) per model version, by day, week and season:
    games, mean forecast and observed home-win rate in each bin. -#}
with

outcomes as (

    select * from {{ ref('fct_prediction_outcomes') }}
    where is_scored

),

by_grain as (

    select 'day' as grain, game_date::text as period, game_date as period_start, * from outcomes
    union all
    select 'week' as grain, week_start::text as period, week_start as period_start, * from outcomes
    union all
    select 'season' as grain, season as period, null::date as period_start, * from outcomes

)

select
    model_version,
    grain,
    period,
    min(coalesce(period_start, game_date)) as period_start,
    prob_bin,
    prob_bin / 10.0 as bin_lower,
    (prob_bin + 1) / 10.0 as bin_upper,
    count(*) as games,
    avg(prob_home) as mean_prob_home,
    avg(home_win::int)::double precision as observed_home_win_rate
from by_grain
group by model_version, grain, period, prob_bin
