{#- Pregame value of each unavailable player (docs block player_value), from what was known on the
    morning of the game:
      state  = his season-to-date totals from games before this date (int_player_form_accumulated);
      prior  = his previous season (int_player_priors_derived), itself shrunk toward replacement level.
    minutes per game played:
      prior_mpg = (prior_minutes + 10 * R_mpg) / (prior_games + 10)       (R_mpg when no prior)
      mpg       = (minutes + K_g * prior_mpg) / (games + K_g)
    Game Score per 36 minutes (Hollinger):
      prior_gs36 = (36 * prior_game_score + K_p * R_gs36) / (prior_minutes + K_p)
      gs36       = (36 * game_score + K_c * prior_gs36) / (minutes + K_c)
    value = mpg / 36 * (gs36 - R_gs36): Game Score points per game above a replacement player.
    Defaults (dbt vars): R_mpg 12, R_gs36 9.7 (the Game Score per 36 of players under 500 minutes,
    pooled over the tuning seasons 2018-19 .. 2021-22), K_g 5 games, K_p 500 and K_c 400 minutes. -#}
{%- set r_mpg = var('avail_replacement_mpg', 12) -%}
{%- set r_gs36 = var('avail_replacement_gs36', 9.7) -%}
{%- set k_g = var('avail_shrink_games', 5) -%}
{%- set k_p = var('avail_prior_shrink_minutes', 500) -%}
{%- set k_c = var('avail_current_shrink_minutes', 400) -%}
with

out_players as (

    select * from {{ ref('int_players_out_listed') }}

),

form as (

    select * from {{ ref('int_player_form_accumulated') }}

),

priors as (

    select * from {{ ref('int_player_priors_derived') }}

),

known as (

    select
        out_players.game_id,
        out_players.team_id,
        out_players.player_key,
        out_players.player_id,
        out_players.season,
        out_players.game_date,
        coalesce(form.games, 0) as games,
        coalesce(form.minutes, 0) as minutes,
        coalesce(form.game_score, 0) as game_score,
        priors.prior_source,
        coalesce(priors.prior_games, 0) as prior_games,
        coalesce(priors.prior_minutes, 0) as prior_minutes,
        coalesce(priors.prior_game_score, 0) as prior_game_score
    from out_players
    left join form
        on
            out_players.player_id = form.player_id
            and out_players.season = form.season
            and form.after_date < out_players.game_date
            and form.until_date >= out_players.game_date
    left join priors
        on
            out_players.player_id = priors.player_id
            and out_players.season = priors.season

),

rates as (

    select
        *,
        (prior_minutes + 10.0 * {{ r_mpg }}) / (prior_games + 10.0) as prior_mpg,
        (36.0 * prior_game_score + {{ k_p }} * {{ r_gs36 }}) / (prior_minutes + {{ k_p }}) as prior_gs36
    from known

),

shrunk as (

    select
        *,
        (minutes + {{ k_g }} * prior_mpg) / (games + {{ k_g }}) as expected_minutes,
        (36.0 * game_score + {{ k_c }} * prior_gs36) / (minutes + {{ k_c }}) as game_score_per36
    from rates

)

select
    game_id,
    team_id,
    player_key,
    player_id,
    season,
    game_date,
    games as games_before,
    minutes as minutes_before,
    prior_source,
    expected_minutes,
    game_score_per36,
    expected_minutes / 36.0 * (game_score_per36 - {{ r_gs36 }}) as player_value,
    expected_minutes >= {{ var('avail_rotation_mpg', 18) }} as is_rotation
from shrunk
