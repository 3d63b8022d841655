with

teams as (

    select * from {{ ref('teams') }}

)

select
    team_id,
    abbreviation,
    full_name,
    nickname,
    nickname_aliases,
    city,
    conference,
    division,
    arena,
    latitude,
    longitude,
    time_zone
from teams
