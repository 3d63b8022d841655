{#- One row per live prediction (game x model version) joined to the game's result. Scores are null
    until the game is final. Brier and log loss are per game; log loss clips p to [1e-15, 1-1e-15].
    In-sample predictions (a game dated before its model's training cutoff) are left out: they are
    not evidence of how the model forecasts. -#}
with

predictions as (

    select * from {{ ref('stg_ops__predictions') }}
    where not is_in_sample

),

games as (

    select * from {{ ref('fct_games') }}

),

joined as (

    select
        p.game_id,
        p.model_version,
        g.season,
        p.game_date,
        date_trunc('week', p.game_date)::date as week_start,
        p.home_team_id,
        p.away_team_id,
        p.prob_home,
        p.predicted_winner_team_id,
        p.confidence,
        g.status = 'final' and g.home_win is not null as is_scored,
        case when g.status = 'final' then g.home_win end as home_win,
        least(floor(p.prob_home * 10), 9)::int as prob_bin,
        p.predicted_at
    from predictions as p
    inner join games as g on g.game_id = p.game_id

)

select
    *,
    case when is_scored then (prob_home >= 0.5) = home_win end as is_correct,
    case when is_scored then power(prob_home - home_win::int, 2) end as brier,
    case when is_scored then -(
        home_win::int * ln(greatest(least(prob_home, 1 - 1e-15), 1e-15))
        + (1 - home_win::int) * ln(greatest(least(1 - prob_home, 1 - 1e-15), 1e-15))
    ) end as log_loss
from joined
