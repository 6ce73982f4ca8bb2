"""Settings per environment: ``base`` (shared, read from the environment), ``dev`` (the
embedded default of ``make run``), ``test`` and ``production``."""
