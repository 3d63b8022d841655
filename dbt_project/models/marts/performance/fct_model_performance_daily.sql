{{ model_performance_by(period_start='game_date', period='game_date::text', grain='game_date') }}
