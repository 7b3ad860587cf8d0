"""Report: the HTML report with its SVG charts, and the words and tables of a run's summary."""
