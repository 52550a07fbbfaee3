"""Step 1, goals: ``spec`` (the goal and its checks), ``text`` (a goal written as one sentence),
``smart`` (the SMART check), ``plans`` (monthly plans for a total target)."""
