"""Security tests: injection strings at every parameter, and schema-driven fuzzing, on both backends."""
