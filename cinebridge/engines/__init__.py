"""Pure-Python cores (no Django): take plain data, return plain data."""
