"""A small OpenID Connect provider (django-oauth-toolkit) run as its own process in the tests.

It stands in for an institution's identity provider: people sign in on its own page with a
password, and it answers Airlock's authorization-code flow (PKCE), token, userinfo, JWKS and
RP-initiated logout endpoints. Members of its ``mfa`` group are asserted as signed in with a
second factor (``amr`` ["pwd", "otp", "mfa"] and the REFEDS MFA ``acr``); everyone else with
``amr`` ["pwd"]. Started by ``tests/support/oidc_server.py``; nothing in Airlock imports it.
"""
