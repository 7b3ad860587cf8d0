"""Fetch: the ministry's site through one small client, and the incremental crawl that archives every page."""
