{#- The NBA season calendar in SQL, the same rule as warehouse/seasons.py (tested against it):
    a season owns August 1 of its first year to July 31 of its second, so late-June and July Finals
    stay in their season; the 2019-20 bubble ran to 2020-10-11, so 2020-21 starts on 2020-10-12. -#}

{#- First year of the season a date belongs to: 2024-01-15 -> 2023, 2020-09-30 -> 2019. -#}
{% macro season_start_year_of(day) -%}
    case
        when {{ day }} >= date '2020-08-01' and {{ day }} < date '2020-10-12' then 2019
        when extract(month from {{ day }}) >= 8 then extract(year from {{ day }})::integer
        else extract(year from {{ day }})::integer - 1
    end
{%- endmacro %}

{#- The season label of a date: 2024-01-15 -> '2023-24'. -#}
{% macro season_of(day) -%}
    {{ season_label(season_start_year_of(day)) }}
{%- endmacro %}

{#- Label of the season starting in a year: 2023 -> '2023-24'. -#}
{% macro season_label(start_year) -%}
    ({{ start_year }})::text || '-' || lpad((({{ start_year }} + 1) % 100)::text, 2, '0')
{%- endmacro %}

{#- First year of a season label: '2023-24' -> 2023. -#}
{% macro season_start_year(season) -%}
    left({{ season }}, 4)::integer
{%- endmacro %}

{#- Last day of the season starting in a year (the day before the next one starts). -#}
{% macro season_end_date(start_year) -%}
    case when {{ start_year }} = 2019 then date '2020-10-11' else make_date({{ start_year }} + 1, 7, 31) end
{%- endmacro %}
