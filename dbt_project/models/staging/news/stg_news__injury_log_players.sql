{#- The player ids ingest matched onto each injured-list row (one row per log row that names a player
    on either side). Names are resolved in Python at ingest (accents, aliases, suffixes, team-season
    disambiguation); PostgreSQL here has no unaccent. -#}
with

source as (

    {{ source_or_empty('news', 'injury_log', {
        'log_id': 'text', 'log_date': 'date', 'team_id': 'bigint', 'acquired': 'text', 'relinquished': 'text',
        'notes': 'text', 'line_number': 'bigint', 'acquired_player_id': 'bigint',
        'relinquished_player_id': 'bigint', 'acquired_match': 'text', 'relinquished_match': 'text'}) }}

),

renamed as (

    select
        log_id,
        log_date,
        team_id,
        line_number,
        nullif(trim(acquired), '') as acquired_name,
        nullif(trim(relinquished), '') as relinquished_name,
        acquired_player_id,
        relinquished_player_id,
        acquired_match as acquired_match_method,
        relinquished_match as relinquished_match_method,
        notes
    from source

)

select * from renamed
