{#- The league's official injury report rows, renamed and cast: who the league lists for each game,
    with his status. Empty until a report is loaded (snapshots before one, a live run that found none). -#}
with

source as (

    {{ source_or_empty('news', 'injury_report', {
        'report_row_id': 'text', 'report_published_at': 'timestamptz', 'game_date': 'date', 'tipoff_et': 'time',
        'matchup': 'text', 'team_id': 'bigint', 'player_name': 'text', 'status': 'text', 'reason': 'text',
        'reason_category': 'text', 'player_id': 'bigint', 'player_match': 'text', 'source': 'text'}) }}

),

renamed as (

    select
        report_row_id,
        report_published_at,
        game_date,
        tipoff_et,
        matchup,
        team_id,
        player_name,
        player_id,
        player_match as player_match_method,
        lower(status) as status,
        reason,
        reason_category,
        source as report_source
    from source

)

select * from renamed
