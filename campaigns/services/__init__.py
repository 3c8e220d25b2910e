"""Writes for campaigns, one module per thing written:

- ``plans``: drafting a plan part by part, the signature round, issuing,
  deriving implementing plans and amendments;
- ``obligations``: the obligations an issued plan creates, their fulfilment
  and waiving, a unit's calendar link;
- ``reports``: a unit's reports against a plan's targets, submitted and returned;
- ``reminders``: the sweep that reminds units of what is due, never twice.

Import the module you need (``from campaigns.services import plans``); this
package re-exports nothing."""
