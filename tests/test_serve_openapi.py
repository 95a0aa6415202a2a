"""The OpenAPI description is kept true: schemathesis drives every documented operation against the app."""

from __future__ import annotations

import pytest

pytest.importorskip("starlette")
schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from serve_corpus import build_index  # noqa: E402

from searcher.serve import create_app  # noqa: E402
from searcher.serve.openapi import build_spec  # noqa: E402

OPERATIONS = sorted(f"GET {path}" for path in build_spec()["paths"])

# A word the index has: with it as q, a request fails only through its other parameters.
PLAIN_QUERY = "ferry route delay"


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    app = create_app(build_index(tmp_path_factory.mktemp("openapi") / "index"))
    return schemathesis.openapi.from_asgi("/api/openapi.json", app)


# What a schema cannot say of a parameter, and so a 400 may still be about: the collection
# named may not exist, a cursor is a token of an earlier answer, a timeline's period may cut the
# matches' span into too many periods, and until must not precede since.
UNDESCRIBABLE = ("collection", "after", "by")


def accepts_what_it_describes(ctx, response, case):
    """Schema-valid input is accepted: a 400 is allowed only for what a schema cannot say.

    A valid string may still be a malformed query ("AND"), /api/quotes needs q or a speaker, and
    the parameters above depend on data or on each other; so a 400 is sent again with a plain
    query and without those, and must then be answered.
    """
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code != 400:
        return None
    query = {k: v for k, v in case.query.items() if k not in UNDESCRIBABLE}
    if "since" in query and "until" in query:
        del query["until"]
    if "q" in {p["name"] for p in case.operation.definition.raw.get("parameters", [])}:
        query["q"] = PLAIN_QUERY
    retry = case.derive(query=query).call()
    if retry.status_code == 400:
        raise AssertionError(
            f"schema-valid parameters refused: {retry.json()['error']} (query {query})"
        )
    return None


@pytest.mark.slow
@pytest.mark.parametrize("label", OPERATIONS)
def test_api_conforms_to_its_openapi_description(api_schema, label):
    from schemathesis.specs.openapi.checks import positive_data_acceptance

    operations = {op.label: op for op in (r.ok() for r in api_schema.get_all_operations())}
    operation = operations[label]

    # Every check applies: no server errors, documented status codes, content types and bodies,
    # schema-invalid input rejected, schema-valid input accepted (with q's grammar aside, above).
    @given(case=operation.as_strategy())
    @settings(
        max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None
    )
    def check(case):
        case.call_and_validate(
            excluded_checks=[positive_data_acceptance],
            additional_checks=[accepts_what_it_describes],
        )

    check()


def test_every_api_route_is_described():
    """No operation escapes the run above: each /api route of the app is in the description."""
    from starlette.routing import Route

    app = create_app("unused")
    routes = {r.path for r in app.routes if isinstance(r, Route) and r.path.startswith("/api/")}
    assert routes - {"/api/openapi.json"} == set(build_spec()["paths"])
