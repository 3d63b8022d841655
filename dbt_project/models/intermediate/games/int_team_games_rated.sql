{#- One row per team per played game: the team's box score beside its opponent's, and the
    Basketball-Reference advanced metrics computed once by the macros in macros/basketball/. -#}
with

team_games as (

    select * from {{ ref('stg_nba__team_game_logs') }}

),

paired as (

    select
        tg.game_id,
        tg.team_id,
        tg.opponent_team_id,
        tg.season,
        tg.game_date,
        tg.game_type,
        tg.is_home,
        tg.is_neutral_site,
        tg.is_win,
        tg.team_minutes,
        tg.fgm,
        tg.fga,
        tg.fg3m,
        tg.fg3a,
        tg.ftm,
        tg.fta,
        tg.oreb,
        tg.dreb,
        tg.reb,
        tg.ast,
        tg.stl,
        tg.blk,
        tg.tov,
        tg.pf,
        tg.pts,
        tg.plus_minus,
        opp.fgm as opp_fgm,
        opp.fga as opp_fga,
        opp.fg3m as opp_fg3m,
        opp.fta as opp_fta,
        opp.oreb as opp_oreb,
        opp.dreb as opp_dreb,
        opp.tov as opp_tov,
        opp.pts as opp_pts
    from team_games as tg
    inner join team_games as opp
        on
            tg.game_id = opp.game_id
            and tg.opponent_team_id = opp.team_id

),

possessions as (

    select
        *,
        {{ team_possession_estimate('fga', 'fta', 'fgm', 'oreb', 'opp_dreb', 'tov') }} as team_possession_estimate,
        {{ possessions('fga', 'fta', 'fgm', 'oreb', 'dreb', 'tov',
                       'opp_fga', 'opp_fta', 'opp_fgm', 'opp_oreb', 'opp_dreb', 'opp_tov') }} as possessions
    from paired

),

rated as (

    select
        *,
        {{ pace('possessions', 'possessions', 'team_minutes') }} as pace,
        {{ offensive_rating('pts', 'possessions') }} as off_rating,
        {{ defensive_rating('opp_pts', 'possessions') }} as def_rating,
        {{ offensive_rating('pts', 'possessions') }}
        - {{ defensive_rating('opp_pts', 'possessions') }} as net_rating,
        {{ effective_fg_pct('fgm', 'fg3m', 'fga') }} as efg_pct,
        {{ true_shooting_pct('pts', 'fga', 'fta') }} as ts_pct,
        {{ turnover_pct('tov', 'fga', 'fta') }} as tov_pct,
        {{ offensive_rebound_pct('oreb', 'opp_dreb') }} as orb_pct,
        {{ free_throw_rate('fta', 'fga') }} as ft_rate
    from possessions

)

select * from rated
