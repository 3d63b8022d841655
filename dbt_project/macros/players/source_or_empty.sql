{#- Player tables are optional (a snapshot without players/, a live run that never fetched them):
    select the listed columns from a source table when it exists, else an empty relation of the same
    shape, so the warehouse builds either way. A listed column missing from an existing table (an
    injury log loaded before player matching existed) is selected as a typed NULL. The source()
    call is always made, so the lineage graph keeps the edge. -#}
{% macro source_or_empty(source_name, table_name, columns) -%}
    {%- set src = source(source_name, table_name) -%}
    {%- set relation = none -%}
    {%- set present = [] -%}
    {%- if execute -%}
        {%- set relation = adapter.get_relation(database=src.database, schema=src.schema, identifier=src.identifier) -%}
        {%- if relation is not none -%}
            {%- for col in adapter.get_columns_in_relation(relation) -%}
                {%- do present.append(col.name | lower) -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endif %}
    select
    {%- for name, type in columns.items() %}
        {% if name in present %}{{ name }}::{{ type }}{% else %}null::{{ type }}{% endif %} as {{ name }}
        {%- if not loop.last %},{% endif %}
    {%- endfor %}
    {%- if relation is not none %}
    from {{ src }}
    {%- else %}
    where false
    {%- endif %}
{%- endmacro %}
