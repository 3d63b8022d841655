{#- Player game logs: renamed and cast; one row per player per game played. -#}
with

source as (

    {{ source_or_empty('nba', 'player_game_logs', {
        'player_id': 'bigint', 'player_name': 'text', 'game_id': 'text', 'season': 'text', 'game_date': 'date',
        'game_type': 'text', 'team_id': 'bigint', 'team_abbreviation': 'text', 'opponent_abbreviation': 'text',
        'is_home': 'boolean', 'wl': 'text', 'min': 'double precision',
        'fgm': 'integer', 'fga': 'integer', 'fg3m': 'integer', 'fg3a': 'integer', 'ftm': 'integer',
        'fta': 'integer', 'oreb': 'integer', 'dreb': 'integer', 'reb': 'integer', 'ast': 'integer',
        'stl': 'integer', 'blk': 'integer', 'tov': 'integer', 'pf': 'integer', 'pts': 'integer',
        'plus_minus': 'integer', 'source_endpoint': 'text', 'source_file': 'text', '_dlt_load_id': 'text'}) }}

),

renamed as (

    select
        player_id,
        player_name,
        game_id,
        team_id,
        season,
        game_date,
        game_type,
        team_abbreviation as team_abbr,
        opponent_abbreviation as opponent_abbr,
        is_home,
        wl as win_loss,
        min as minutes,
        {{ box_score_counts() }},
        plus_minus,
        source_endpoint,
        source_file,
        _dlt_load_id as dlt_load_id
    from source

)

select * from renamed
