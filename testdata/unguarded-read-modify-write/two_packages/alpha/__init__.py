"""Package `alpha`: one of two packages with the same shape in one project."""
