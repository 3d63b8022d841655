{#- An availability feature under a knowledge flag: the value when the flag holds (0 when nothing
    matched), else 0. The 0 of an unknown morning is told apart from "nobody out" by the flag. -#}
{% macro known_or_zero(known, value) -%}
    case when {{ known }} then coalesce({{ value }}, 0) else 0 end
{%- endmacro %}
