"""The YAML shape check's shortcut: skipped only where it could not have refused anything."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roledeck import source
from roledeck.errors import RoleError

yaml_ish = st.text(alphabet="ab:-[]{}?,&* \n#'\"", max_size=200)


@given(yaml_ish)
def test_a_text_taken_as_small_passes_the_full_check(text: str) -> None:
    if source._plainly_small(text):
        try:
            source._check_shape(text)
        except source._YamlShapeError as exc:  # pragma: no cover - the property's failure
            pytest.fail(f"shortcut skipped a refusal: {exc}")
        except Exception:
            pass  # not YAML at all: the loader reports it, as before


def test_typical_frontmatter_takes_the_shortcut() -> None:
    text = "title: DevOps\nsidebar_position: 1\ntags: [DevOps, role, FAQ]\n"
    assert source._plainly_small(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x [1]\nb: *x\n",  # anchors and aliases always get the full check
        "x: " + "[" * 70 + "]" * 70 + "\n",  # many nesting marks
        "x: " + "y" * 5000 + "\n",  # long
    ],
)
def test_anything_unusual_gets_the_full_check(text: str) -> None:
    assert not source._plainly_small(text)


def test_deep_nesting_is_still_refused_with_its_line() -> None:
    text = "title: x\nx: " + "[" * 70 + "]" * 70 + "\n"
    with pytest.raises(RoleError, match="nested deeper than 64") as caught:
        source.load_yaml(text, path=Path("r.md"), first_line=2)
    assert caught.value.line == 3


@pytest.mark.parametrize("depth", [70, 5_000])
def test_flow_nesting_gets_one_message_whichever_check_stops_it(depth: int) -> None:
    """libyaml >= 0.2.6 caps flow nesting itself (scanning ahead, before any event); the
    user reads the same message, on the same line, as when our shape check stops it."""
    text = "title: x\nx: " + "[" * depth + "]" * depth + "\n"
    with pytest.raises(RoleError) as caught:
        source.load_yaml(text, path=Path("r.md"), first_line=2)
    assert caught.value.message == "YAML nested deeper than 64 levels"
    assert caught.value.line == 3


def test_libyamls_own_depth_cap_is_reported_as_too_deep(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever PyYAML is installed: its scanner's refusal becomes our message."""
    import yaml

    def refuse(*_args: object, **_kwargs: object) -> None:
        mark = yaml.Mark("<unicode string>", 0, 1, 4, None, None)
        raise yaml.scanner.ScannerError(
            "while increasing flow level", mark, "exceeded maximum nesting depth", mark
        )

    monkeypatch.setattr(source.yaml, "parse", refuse)
    text = "title: x\nx: " + "[" * 70 + "]" * 70 + "\n"
    with pytest.raises(RoleError) as caught:
        source.load_yaml(text, path=Path("r.md"), first_line=2)
    assert caught.value.message == "YAML nested deeper than 64 levels"
    assert caught.value.line == 3
