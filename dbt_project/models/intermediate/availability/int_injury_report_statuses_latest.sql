{#- What the league's official injury report says about each listed player on the morning of a game
    day: the rows of the latest report published before {{ var('injury_report_known_by', '12:00') }}
    US-Eastern on that day that lists the day's games (a morning run reads it; a later report, which
    a morning run could not have seen, never feeds that day's games). player_key as in
    int_injury_events_classified: the NBA.com id when the name matched, else 'name:<name>'. -#}
with

reports as (

    select
        *,
        coalesce(player_id::text, 'name:' || lower(player_name)) as player_key,
        (game_date + time '{{ var("injury_report_known_by", "12:00") }}') at time zone 'America/New_York'
            as known_by
    from {{ ref('stg_news__injury_reports') }}

),

known as (

    select * from reports
    where report_published_at < known_by

),

latest as (

    select game_date, max(report_published_at) as report_published_at
    from known
    group by game_date

)

select distinct on (known.game_date, known.team_id, known.player_key)
    known.game_date,
    known.team_id,
    known.player_key,
    known.player_id,
    known.player_name,
    known.status,
    known.reason_category,
    known.report_published_at,
    known.report_row_id
from known
inner join latest
    on known.game_date = latest.game_date and known.report_published_at = latest.report_published_at
order by known.game_date, known.team_id, known.player_key, known.report_row_id
