"""Step 6 adjustment: response curves, budget allocation with guardrails, did an action work."""
