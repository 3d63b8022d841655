{#- Fails on rows where any column whose name starts with one of `prefixes` is NULL.
    The columns are read from the built relation (or the rows a `where` config selects from it), so new
    feature columns are covered automatically. -#}
{% test columns_not_null(model, prefixes) %}
{%- set cols = [] -%}
{%- for name in (get_columns_in_query('select * from ' ~ model) if execute else []) -%}
    {%- for p in prefixes if name.startswith(p) -%}{%- do cols.append(name) -%}{%- endfor -%}
{%- endfor %}
select *
from {{ model }}
where {% for c in cols %}{{ c }} is null{{ " or " if not loop.last }}{% else %}false{% endfor %}
{% endtest %}
