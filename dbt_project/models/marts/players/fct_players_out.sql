{#- Who is out on the morning of each team-game, with the words of the row that says so: the
    injured-list move or the official injury report line (int_players_out_listed has the rule). -#}
with

listed as (

    select * from {{ ref('int_players_out_listed') }}

),

moves as (

    select * from {{ ref('stg_news__injury_log') }}

),

report_lines as (

    select * from {{ ref('stg_news__injury_reports') }}

),

final as (

    select
        listed.game_id,
        listed.team_id,
        listed.season,
        listed.game_date,
        listed.player_key,
        listed.player_id,
        listed.status,
        listed.out_since,
        listed.listed_by,
        listed.log_id as source_row_id,
        coalesce(moves.relinquished_player, report_lines.player_name) as player_name,
        coalesce(moves.notes, report_lines.reason) as notes
    from listed
    left join moves
        on listed.listed_by = 'injured_list' and listed.log_id = moves.log_id
    left join report_lines
        on listed.listed_by = 'official_report' and listed.log_id = report_lines.report_row_id

)

select * from final
