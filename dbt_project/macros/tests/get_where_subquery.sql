{#- dbt's hook for the relation a generic data test reads (the test's `where` config), extended:
    when var data_tests_from_season is set (the daily build sets it to the season its rows can
    change), tests of relations with a season column check that season and later only, so a
    morning's tests cost the same with one season loaded or with ten. Full builds leave it unset
    and test every row. -#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where') -%}
    {%- set from_season = var('data_tests_from_season', none) -%}
    {%- if from_season and execute -%}
        {%- set columns = adapter.get_columns_in_relation(relation) | map(attribute='name') | map('lower') | list -%}
        {%- if 'season' in columns -%}
            {%- set recent = "season >= '" ~ from_season ~ "'" -%}
            {%- set where = '(' ~ where ~ ') and ' ~ recent if where else recent -%}
        {%- endif -%}
    {%- endif -%}
    {%- if where -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ where }}) dbt_subquery
        {%- endset -%}
        {{ return(filtered) }}
    {%- else -%}
        {{ return(relation) }}
    {%- endif -%}
{%- endmacro %}
