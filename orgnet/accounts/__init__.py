"""Accounts: who may call the API, with which role, scoped to which regions.

An account is an ``(:Account)`` node in Neo4j (:mod:`orgnet.accounts.store`); its token is
``<account id>.<secret>``, shown once and stored only as an Argon2id hash
(:mod:`orgnet.accounts.tokens`).  ``API_TOKENS`` remains only as the bootstrap of the first admin.
"""
