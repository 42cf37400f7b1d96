"""The frozen-app tests: `slow` ones run only against a build (EWO_DESK_FROZEN_APP)."""


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "slow: runs the built app (packaging/build.sh); skipped without EWO_DESK_FROZEN_APP",
    )
