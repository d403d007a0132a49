"""Suite-wide rules.

Under CI (``CI`` set in the environment), a skipped test is a failed run: the
PyTorch parity tests, the strict build and the browser checks are required
parts of the suite, and a machine that lacks their tools must turn CI red, not
quietly skip them.
"""

import os

import pytest

_skipped: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_collectreport(report):
    if report.skipped:
        _skipped.append(report.nodeid)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    if os.environ.get("CI") and _skipped and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
    if os.environ.get("CI") and _skipped:
        terminalreporter.section("skipped under CI (counts as failure)", red=True)
        for nodeid in _skipped:
            terminalreporter.line(nodeid)
