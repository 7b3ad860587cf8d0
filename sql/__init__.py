"""The warehouse's SQL: numbered migrations, analyst views and data checks, read as package data."""
