import pytest

from tests.unit.bundles.builders import court_case


@pytest.fixture
def court(vault):
    with vault.session() as session:
        return court_case(session)
