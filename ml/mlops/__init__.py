"""Watching the live model and retraining it under guardrails.

* ``performance``, ``drift``, ``freshness``: what the model's live record, inputs and data look like
  on a morning; ``alerts`` turns them into alerts and an escalation state; ``monitoring`` assembles,
  stores and trends the daily snapshot.
* ``policy`` decides whether to retrain; ``queue`` holds retrain jobs (one pending at a time);
  ``worker`` runs the next one and promotes a candidate only if it passes the rollback rule.
* ``jobs``: the audited entry points the CLI, the daily run and the API call.

Every threshold lives in ``thresholds`` with the reason for its value.
"""
