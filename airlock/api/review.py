"""The review zone's API (research services). Built out by the control issue."""

from ninja import Router

router = Router(tags=["review"])
