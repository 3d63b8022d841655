{#- LEAKAGE TEST (build-breaking). For a sample of games (ids ending in 3 or 7, ~20%), recompute a set of
    pregame features for both teams directly from fct_team_games restricted to the team's games of the
    same season on EARLIER dates — independently of the intermediate models — and compare with
    fct_pregame_features. Any row returned is a mismatch: a feature that used the game itself, a later
    game, or a different definition. Checked: games played, season-to-date net rating and eFG%,
    last-5 pace, last-10 win%, EWMA offensive rating (shrinkage and priors recomputed too). The daily
    build (var data_tests_from_season) checks the seasons it can change only. -#}
{%- set k = var('shrinkage_k', 8) -%}
{%- set decay = var('ewm_decay', 0.9) -%}
{%- set carryover = var('prior_carryover', 0.7) -%}
{%- set baseline = league_baseline() -%}
{%- set types = "'" ~ feature_game_types() | join("', '") ~ "'" -%}
{%- set metrics = ['net_rating', 'efg_pct', 'pace', 'win_pct', 'off_rating'] -%}
with

features as (

    select * from {{ ref('fct_pregame_features') }}
    where
        right(game_id, 1) in ('3', '7')
        {%- if var('data_tests_from_season', none) %}
            and season >= '{{ var("data_tests_from_season") }}'
        {%- endif %}

),

team_games as (

    select
        team_id,
        season,
        left(season, 4)::integer as season_start_year,
        game_date,
        net_rating,
        efg_pct,
        pace,
        is_win::integer::double precision as win_pct,
        off_rating
    from {{ ref('fct_team_games') }}
    where game_type in ({{ types }})

),

sides as (

    select game_id, season, game_date, 'home' as side, home_team_id as team_id from features
    union all
    select game_id, season, game_date, 'away' as side, away_team_id as team_id from features

),

history as (

    select
        sides.game_id,
        sides.side,
        team_games.*,
        row_number() over (partition by sides.game_id, sides.side order by team_games.game_date) as j,
        row_number() over (partition by sides.game_id, sides.side order by team_games.game_date desc) as recency
    from sides
    inner join team_games
        on
            sides.team_id = team_games.team_id
            and sides.season = team_games.season
            and team_games.game_date < sides.game_date

),

aggregated as (

    select
        game_id,
        side,
        count(*) as n,
        avg(net_rating) as std_net_rating,
        avg(efg_pct) as std_efg_pct,
        avg(pace) as std_pace,
        avg(win_pct) as std_win_pct,
        avg(off_rating) as std_off_rating,
        count(*) filter (where recency <= 5) as l5_n,
        avg(pace) filter (where recency <= 5) as l5_pace,
        count(*) filter (where recency <= 10) as l10_n,
        avg(win_pct) filter (where recency <= 10) as l10_win_pct,
        sum(off_rating * power({{ decay }}::double precision, -j))
        / sum(power({{ decay }}::double precision, -j)) as ewm_off_rating
    from history
    group by game_id, side

),

team_seasons as (

    select
        team_id,
        season_start_year,
        {%- for m in metrics %}
        avg({{ m }}) as {{ m }}{{ "," if not loop.last }}
        {%- endfor %}
    from team_games
    group by team_id, season_start_year

),

league_seasons as (

    select
        season_start_year,
        {%- for m in metrics %}
        avg({{ m }}) as {{ m }}{{ "," if not loop.last }}
        {%- endfor %}
    from team_games
    group by season_start_year

),

priors as (

    select
        sides.game_id,
        sides.side,
        {%- for m in metrics %}
        coalesce(
            league_seasons.{{ m }} + {{ carryover }} * (team_seasons.{{ m }} - league_seasons.{{ m }}),
            league_seasons.{{ m }},
            {{ baseline[m] }}
        ) as prior_{{ m }}{{ "," if not loop.last }}
        {%- endfor %}
    from sides
    left join team_seasons
        on
            sides.team_id = team_seasons.team_id
            and left(sides.season, 4)::integer - 1 = team_seasons.season_start_year
    left join league_seasons
        on left(sides.season, 4)::integer - 1 = league_seasons.season_start_year

),

expected as (

    select
        sides.game_id,
        sides.side,
        coalesce(a.n, 0) as games_played,
        {%- for m in metrics %}
        (coalesce(a.n, 0) * coalesce(a.std_{{ m }}, 0) + {{ k }} * p.prior_{{ m }})
        / (coalesce(a.n, 0) + {{ k }}) as {{ m }}_std,
        {%- endfor %}
        coalesce(a.l5_n, 0) as l5_n,
        a.l5_pace,
        coalesce(a.l10_n, 0) as l10_n,
        a.l10_win_pct,
        (least(coalesce(a.n, 0), 10) * coalesce(a.ewm_off_rating, 0) + {{ k }} * p.prior_off_rating)
        / (least(coalesce(a.n, 0), 10) + {{ k }}) as off_rating_ewm
    from sides
    left join aggregated as a on sides.game_id = a.game_id and sides.side = a.side
    inner join priors as p on sides.game_id = p.game_id and sides.side = p.side

),

compared as (

    select
        e.game_id,
        e.side,
        e.games_played as expected_games_played,
        case e.side when 'home' then f.home_games_played else f.away_games_played end as actual_games_played,
        e.net_rating_std as expected_net_rating_std,
        case e.side when 'home' then f.home_net_rating_std else f.away_net_rating_std end
            as actual_net_rating_std,
        e.efg_pct_std as expected_efg_pct_std,
        case e.side when 'home' then f.home_efg_pct_std else f.away_efg_pct_std end as actual_efg_pct_std,
        (e.l5_n * coalesce(e.l5_pace, 0) + (5 - e.l5_n) * e.pace_std) / 5.0 as expected_pace_l5,
        case e.side when 'home' then f.home_pace_l5 else f.away_pace_l5 end as actual_pace_l5,
        (e.l10_n * coalesce(e.l10_win_pct, 0) + (10 - e.l10_n) * e.win_pct_std) / 10.0 as expected_win_pct_l10,
        case e.side when 'home' then f.home_win_pct_l10 else f.away_win_pct_l10 end as actual_win_pct_l10,
        e.off_rating_ewm as expected_off_rating_ewm,
        case e.side when 'home' then f.home_off_rating_ewm else f.away_off_rating_ewm end
            as actual_off_rating_ewm
    from expected as e
    inner join features as f on e.game_id = f.game_id

)

select *
from compared
where
    expected_games_played <> actual_games_played
    or abs(expected_net_rating_std - actual_net_rating_std) > 1e-6
    or abs(expected_efg_pct_std - actual_efg_pct_std) > 1e-9
    or abs(expected_pace_l5 - actual_pace_l5) > 1e-6
    or abs(expected_win_pct_l10 - actual_win_pct_l10) > 1e-9
    or abs(expected_off_rating_ewm - actual_off_rating_ewm) > 1e-6
