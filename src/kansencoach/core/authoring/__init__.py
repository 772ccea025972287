"""Tools for the people who write flows: drawings, differences, test files, editor schemas, starting files."""
