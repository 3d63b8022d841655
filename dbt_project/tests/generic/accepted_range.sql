{#- Fails on rows whose value lies outside [min_value, max_value] (NULLs pass; test not_null separately). -#}
{% test accepted_range(model, column_name, min_value=none, max_value=none, where_sql=none) %}
select {{ column_name }} as bad_value
from {{ model }}
where {{ column_name }} is not null
  and (
    false
    {%- if min_value is not none %} or {{ column_name }} < {{ min_value }}{% endif %}
    {%- if max_value is not none %} or {{ column_name }} > {{ max_value }}{% endif %}
  )
  {%- if where_sql %} and ({{ where_sql }}){% endif %}
{% endtest %}
