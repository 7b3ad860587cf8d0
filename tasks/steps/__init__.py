"""The pipeline's Prefect tasks, one module per stage: thin wrappers that move records between
the plain code of the stages and the warehouse. Only this package imports Prefect under tasks/.
"""
