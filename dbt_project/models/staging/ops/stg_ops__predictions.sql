{#- ops.predictions (written by `courtside predict`), renamed and cast only. -#}
with

source as (

    select * from {{ source('ops', 'predictions') }}

),

renamed as (

    select
        game_id,
        model_version,
        game_date,
        home_team_id,
        away_team_id,
        prob_home,
        prob_away,
        predicted_winner_team_id,
        confidence,
        feature_row_hash,
        in_sample as is_in_sample,
        created_at as predicted_at
    from source

)

select * from renamed
