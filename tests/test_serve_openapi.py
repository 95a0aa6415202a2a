"""The OpenAPI description is kept true: schemathesis drives every documented endpoint against the app."""

from __future__ import annotations

import pytest

pytest.importorskip("starlette")
schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, given, settings  # noqa: E402

from searcher.serve import create_app  # noqa: E402
from searcher.serve.openapi import build_spec  # noqa: E402
from serve_corpus import build_index  # noqa: E402

OPERATIONS = sorted(f"GET {path}" for path in build_spec()["paths"])


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    app = create_app(build_index(tmp_path_factory.mktemp("openapi") / "index"))
    return schemathesis.openapi.from_asgi("/api/openapi.json", app)


@pytest.mark.parametrize("label", OPERATIONS)
def test_api_conforms_to_its_openapi_description(api_schema, label):
    from schemathesis.specs.openapi.checks import positive_data_acceptance

    operations = {op.label: op for op in (r.ok() for r in api_schema.get_all_operations())}
    operation = operations[label]

    # Schema-valid input may still be a malformed query (q="AND"), so a 400 for it is allowed;
    # every other check applies: no server errors, documented status codes, content types and
    # bodies, and schema-invalid input rejected.
    @given(case=operation.as_strategy())
    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case):
        case.call_and_validate(excluded_checks=[positive_data_acceptance])

    check()
