"""A body that is not indented under its `def`."""


def work_bad():
return 1  # expect: syntax-error "expected an indented block"


def work_ok():
    return 1
