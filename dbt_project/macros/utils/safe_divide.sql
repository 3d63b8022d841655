{#- Division that returns NULL instead of failing when the denominator is 0 (0-attempt games exist). -#}
{% macro safe_divide(numerator, denominator) -%}
    (({{ numerator }})::double precision / nullif(({{ denominator }})::double precision, 0))
{%- endmacro %}
