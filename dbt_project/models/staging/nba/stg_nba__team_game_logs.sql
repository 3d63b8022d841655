with

source as (

    select * from {{ source('nba', 'team_game_logs') }}

),

renamed as (

    select
        -- ids
        game_id::text as game_id,
        team_id::bigint as team_id,
        opponent_team_id::bigint as opponent_team_id,

        -- game context
        season::text as season,
        game_date::date as game_date,
        game_type::text as game_type,
        is_home::boolean as is_home,
        is_neutral_site::boolean as is_neutral_site,
        team_abbreviation::text as team_abbr,
        team_name::text as team_name,
        matchup::text as matchup,
        wl::text as win_loss,
        (wl = 'W') as is_win,

        -- box score
        min::integer as team_minutes,
        fgm::integer as fgm,
        fga::integer as fga,
        fg3m::integer as fg3m,
        fg3a::integer as fg3a,
        ftm::integer as ftm,
        fta::integer as fta,
        oreb::integer as oreb,
        dreb::integer as dreb,
        reb::integer as reb,
        ast::integer as ast,
        stl::integer as stl,
        blk::integer as blk,
        tov::integer as tov,
        pf::integer as pf,
        pts::integer as pts,
        plus_minus::integer as plus_minus,

        -- lineage
        source_endpoint::text as source_endpoint,
        source_file::text as source_file,
        _dlt_load_id::text as dlt_load_id

    from source

)

select * from renamed
