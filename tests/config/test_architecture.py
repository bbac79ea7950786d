"""The layers of docs/architecture.md, as pyproject.toml's import contracts state them.

``make lint`` checks the contracts with lint-imports on every run. These tests check that the
contracts cover every app, and that they hold and would catch a violation, on the import
graph (every import, those inside functions included).
"""

import tomllib
from pathlib import Path

import grimp
import pytest
from django.apps import apps
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
CONFIG = tomllib.loads((BASE_DIR / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "importlinter"
]
CONTRACTS = {contract["id"]: contract for contract in CONFIG["contracts"]}
LAYERS = CONTRACTS["layers"]["layers"]
PRODUCT = CONTRACTS["devtools"]["source_modules"]


def build_graph():
    return grimp.build_graph(*CONFIG["root_packages"], include_external_packages=False)


@pytest.fixture(scope="module")
def graph():
    return build_graph()


def illegal_dependencies(graph):
    return graph.find_illegal_dependencies_for_layers(layers=LAYERS)


def project_apps() -> set[str]:
    """The installed apps whose code is this project's (a folder at its top)."""
    return {
        config.name for config in apps.get_app_configs() if Path(config.path).parent == BASE_DIR
    }


def test_every_app_of_the_project_is_in_the_contracts():
    assert project_apps() - {"devtools"} <= set(LAYERS)
    assert set(LAYERS) | {"devtools"} == set(CONFIG["root_packages"])
    assert set(PRODUCT) == set(LAYERS)
    assert set(CONTRACTS["acyclic"]["ancestors"]) == set(CONFIG["root_packages"])


def test_the_layers_are_the_documented_ones():
    assert LAYERS == ["config", "publication", "reviews", "claims", "sources", "core"]
    architecture = (BASE_DIR / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert " → ".join(LAYERS) in architecture


def test_no_module_imports_a_higher_layer(graph):
    assert illegal_dependencies(graph) == set()


def test_an_import_from_a_higher_layer_would_break_the_contract():
    graph = build_graph()
    graph.add_import(importer="claims.models", imported="reviews.models")
    (broken,) = illegal_dependencies(graph)
    assert (broken.importer, broken.imported) == ("claims", "reviews")


def test_nothing_in_the_product_imports_the_development_tools(graph):
    importers = graph.find_modules_that_directly_import("devtools", as_package=True)
    assert {module.split(".")[0] for module in importers} <= {"devtools"}


@pytest.mark.parametrize("package", CONFIG["root_packages"])
def test_no_import_circle_between_the_modules_of_an_app(graph, package):
    for module in sorted(graph.find_descendants(package) | {package}):
        if graph.find_children(module):
            assert graph.nominate_cycle_breakers(module) == set(), module


def test_a_circle_would_be_found():
    graph = build_graph()
    graph.add_import(importer="claims.models", imported="claims.admin")
    assert graph.nominate_cycle_breakers("claims") != set()


def test_tests_import_helpers_from_the_support_package_only():
    """A test module is never imported: what tests share lives in tests.support."""
    graph = grimp.build_graph("tests", include_external_packages=False)
    shared = {
        (importer, imported)
        for imported in graph.modules
        if imported != "tests" and not imported.startswith("tests.support")
        for importer in graph.find_modules_that_directly_import(imported)
    }
    assert shared == set()
