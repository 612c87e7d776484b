"""The model and its domain rules: frameworks, assessments, scoring and everything computed from
them. Data in, data out; nothing here imports Rich or Textual (an import-linter contract checks)."""
