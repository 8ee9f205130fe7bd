"""Imported by the fork server of a session, after the modules it preloads: it makes
the set-up that :func:`edition.stages.pool.set_up_in_fork_server` asked for, once, so
that every worker it forks starts with it; and the collector tuned as in the main
process (:mod:`edition.collector`), the modules and the set-up left out of its walks:
every process forked from here inherits both."""

from edition import collector
from edition.stages import pool

pool.make_fork_server_set_up()
collector.tune()
