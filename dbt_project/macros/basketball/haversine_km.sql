{#- Great-circle distance in kilometres between two latitude/longitude points (degrees). -#}
{% macro haversine_km(lat1, lon1, lat2, lon2) -%}
    (2 * 6371.0088 * asin(least(1.0, sqrt(
        power(sin(radians(({{ lat2 }}) - ({{ lat1 }})) / 2), 2)
        + cos(radians({{ lat1 }})) * cos(radians({{ lat2 }}))
        * power(sin(radians(({{ lon2 }}) - ({{ lon1 }})) / 2), 2)
    ))))
{%- endmacro %}
