{{ model_performance_by(period_start='min(game_date)', period='season', grain='season') }}
