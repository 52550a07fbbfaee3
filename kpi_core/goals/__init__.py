"""Step 1, goals: ``spec`` (the goal and its checks), ``text`` (a goal written as one sentence, with its words in
``phrases``, its numbers in ``numbers`` and its deadline in ``window``), ``smart`` (the SMART check), ``plans``
(monthly plans for a total target)."""
