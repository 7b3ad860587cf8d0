"""Telling people a run failed: the log, and a Slack-compatible webhook where one is configured."""
from __future__ import annotations

import logging

import requests

log = logging.getLogger("motie")


def failure_text(flow_name: str, run_id: str, status: str, reason: str, run_url: str | None) -> str:
    """One line: which flow run ended how (failed, crashed, cancelled, interrupted, refused) and why."""
    where = f" — {run_url}" if run_url else ""
    return f":rotating_light: motie-etl `{flow_name}` run {run_id} {status}: {reason}{where}"


def post_webhook(url: str, text: str, timeout: float = 10.0) -> bool:
    """POST {"text": ...} (what Slack, Mattermost and Teams incoming webhooks take); never raises."""
    try:
        response = requests.post(url, json={"text": text}, timeout=timeout)
        response.raise_for_status()
    except requests.RequestException as exc:
        log.warning("could not post the failure to the webhook: %s", exc)
        return False
    return True
