{#- Lint-only (sqlfluff's jinja templater; dbt never loads this folder): var() returns its default,
    like dbt does when no --vars are given. -#}
{% macro var(name, default=none) -%}
    {{ return(default) }}
{%- endmacro %}
