"""Imported by the fork server of a session, after the modules it preloads: it makes
the set-up that :func:`edition.stages.pool.set_up_in_fork_server` asked for, once, so
that every worker it forks starts with it."""

from edition.stages import pool

pool.make_fork_server_set_up()
