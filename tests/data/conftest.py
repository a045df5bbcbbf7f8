"""tests/data holds inputs for the tests (many deliberately invalid), not tests: pytest does not collect it."""

collect_ignore_glob = ["*"]
