"""The DuckDB warehouse: schema migrations, the working copy a load writes, atomic publishing."""
