{#- Player season totals (LeagueDashPlayerStats, regular season): renamed and cast. team_id is the
    player's last team of the season. -#}
with

source as (

    {{ source_or_empty('nba', 'player_season_totals', {
        'player_id': 'bigint', 'season': 'text', 'player_name': 'text', 'team_id': 'bigint',
        'team_abbreviation': 'text', 'team_count': 'integer', 'age': 'double precision', 'gp': 'integer',
        'min': 'double precision', 'fgm': 'integer', 'fga': 'integer', 'fg3m': 'integer', 'fg3a': 'integer',
        'ftm': 'integer', 'fta': 'integer', 'oreb': 'integer', 'dreb': 'integer', 'reb': 'integer',
        'ast': 'integer', 'stl': 'integer', 'blk': 'integer', 'tov': 'integer', 'pf': 'integer',
        'pts': 'integer', 'plus_minus': 'integer', 'source_endpoint': 'text', 'source_file': 'text',
        '_dlt_load_id': 'text'}) }}

),

renamed as (

    select
        player_id,
        season,
        player_name,
        team_id as last_team_id,
        team_abbreviation as last_team_abbr,
        team_count,
        age,
        gp as games_played,
        min as minutes,
        {{ box_score_counts() }},
        plus_minus,
        source_endpoint,
        source_file,
        _dlt_load_id as dlt_load_id
    from source

)

select * from renamed
