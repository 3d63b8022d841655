{#- Injured-list names that matched no single NBA.com player, with the reason. -#}
with

source as (

    {{ source_or_empty('news', 'injury_player_quarantine', {
        'log_id': 'text', 'side': 'text', 'log_date': 'date', 'team_id': 'bigint', 'raw_name': 'text',
        'notes': 'text', 'reason': 'text'}) }}

),

renamed as (

    select
        log_id,
        side,
        log_date,
        team_id,
        raw_name,
        notes,
        reason
    from source

)

select * from renamed
