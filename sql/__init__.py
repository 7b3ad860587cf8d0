"""The project's SQL, read as package data: the warehouse's and the page archive's numbered
migrations, views by layer, data checks and the refreshes of materialized tables."""
