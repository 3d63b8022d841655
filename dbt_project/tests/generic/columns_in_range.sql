{#- Fails on rows where a column matching prefix + any of `stems` + any of `suffixes` (all optional
    lists; '' matches nothing extra) lies outside [min_value, max_value]. Columns come from the built
    relation (or the rows a `where` config selects). -#}
{% test columns_in_range(model, stems, min_value, max_value, prefixes=['home_', 'away_'], suffixes=['']) %}
{%- set wanted = [] -%}
{%- for p in prefixes -%}{%- for s in stems -%}{%- for x in suffixes -%}
    {%- do wanted.append(p ~ s ~ x) -%}
{%- endfor -%}{%- endfor -%}{%- endfor -%}
{%- set cols = [] -%}
{%- for name in (get_columns_in_query('select * from ' ~ model) if execute else []) if name in wanted -%}
    {%- do cols.append(name) -%}
{%- endfor %}
select *
from {{ model }}
where {% for c in cols %}({{ c }} < {{ min_value }} or {{ c }} > {{ max_value }}){{ " or " if not loop.last }}{% else %}false{% endfor %}
{% endtest %}
