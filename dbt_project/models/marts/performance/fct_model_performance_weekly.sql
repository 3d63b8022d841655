{{ model_performance_by(period_start='week_start', period='week_start::text', grain='week_start') }}
