{#- Early-season shrinkage (docs block early_season_shrinkage): (n * x + k * prior) / (n + k).
    With n = 0 (no earlier game) the result is exactly the prior, never NULL. -#}
{% macro shrink(value, n, prior, k) -%}
    (({{ n }} * coalesce({{ value }}, 0) + ({{ k }}) * ({{ prior }})) / nullif(({{ n }}) + ({{ k }}), 0))
{%- endmacro %}
