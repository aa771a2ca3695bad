"""A syntax error suppressed on its line is not reported."""


def work(:  # racelint: ignore[syntax-error]
    return 1
