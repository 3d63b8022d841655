{#- Fails on rows where any column whose name starts with one of `prefixes` is NULL.
    The columns are read from the built relation, so new feature columns are covered automatically. -#}
{% test columns_not_null(model, prefixes) %}
{%- set cols = [] -%}
{%- for col in adapter.get_columns_in_relation(model) -%}
    {%- for p in prefixes if col.name.startswith(p) -%}{%- do cols.append(col.name) -%}{%- endfor -%}
{%- endfor %}
select *
from {{ model }}
where {% for c in cols %}{{ c }} is null{{ " or " if not loop.last }}{% else %}false{% endfor %}
{% endtest %}
