{#- Fails on rows where the boolean SQL expression is not true. -#}
{% test expression_is_true(model, expression, where_sql=none) %}
select *
from {{ model }}
where not coalesce(({{ expression }}), false)
  {%- if where_sql %} and ({{ where_sql }}){% endif %}
{% endtest %}
