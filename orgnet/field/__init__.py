"""The field app's server side (issue 26): what one person's phone reads and writes.

:mod:`.work` (my work, my record: reads bound to the account's person), :mod:`.entries` (a frontline
record entry for myself, through the one write workflow).  The accounts: :mod:`orgnet.accounts.field`;
the routes: :mod:`orgnet.api.routes.field`; the app at ``/m/``: ``orgnet/api/static/m/``.
"""
