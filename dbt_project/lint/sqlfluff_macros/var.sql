{#- Lint-only (sqlfluff's jinja templater; dbt never loads this folder): var() answers like dbt does
    when no --vars are given, from dbt_project.yml's vars (sqlfluff_libs/project.py), else the default. -#}
{% macro var(name, default=none) -%}
    {{ return(project.VARS.get(name, default)) }}
{%- endmacro %}
