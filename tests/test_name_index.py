"""The name index (issue 18): resolving a NAME without parsing the catalog, never differently.

The property test edits, renames and deletes files between runs and asks, after each step,
a new catalog (a new run) for many names, with the index and without it (every file parsed):
the answers (the role, or the error's words) must be the same, and so must the summaries
`roles list` and `roles browse` show (`Catalog.summaries`), item for item, errors included. Roles have nested ids, index
and README docs known by their folder, frontmatter ids, names that share words, tags a
profile selection reads; some files cannot be read.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roledeck import catalog, nameindex, namestore
from roledeck.catalog import Catalog
from roledeck.config import ProfilesConfig
from roledeck.errors import RoleError

from .helpers import run_roles, write

NAMES = [
    "Platform Engineer", "Data Engineer", "Engineering Manager", "Agile Coach",
    "Developer Advocate", "MLOps Engineer", "SRE", "QA Lead", "Café Owner", "Lead 2",
    "Site Reliability Engineer", "Engineer",
]  # fmt: skip
PATHS = [
    "platform.md", "eng/platform.md", "eng/index.md", "eng/README.md", "ops/01-sre.md",
    "guides/guides.md", "eng/data/lead.md", "eng/data/index.mdx", "qa.yaml", "ops/02-qa-lead.md",
    "x/y/z/deep.md", "engineer.md",
]  # fmt: skip
QUERIES = [
    "engineer", "Engineer", "ENGINEER", "manager", "lead", "coach", "platform", "data",
    "eng", "eng/", "guides", "ops/sre", "sre", "index", "readme", "eng/data", "data/lead",
    "deep", "x/y/z/deep", "café", "advocate", "nope", "engineerr", "2", "qa", "platform engineer",
    "site-reliability", "custom-id", "eng/custom-id", "/eng/platform/", "", "reliability engineer",
]  # fmt: skip


@pytest.fixture(autouse=True)
def _index_even_small_catalogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """These catalogs are small: the index is asked all the same (its size threshold is
    tested on its own below)."""
    monkeypatch.setattr(catalog, "INDEX_FROM", 0)


def _markdown(name: str, tags: list[str], own_id: str | None, filler: int) -> str:
    front = [f"tags: [{', '.join(tags)}]"] if tags else []
    if own_id:
        front.append(f"id: {own_id}")
    head = "---\n" + "\n".join(front) + "\n---\n" if front else ""
    return (
        f"{head}# The Role of a {name}\n\n{'Words. ' * filler}\n\n## Why a {name} is Needed\n\n"
        "- Someone must.\n"
    )


def _yaml(name: str, tags: list[str], own_id: str | None) -> str:
    lines = [f"id: {own_id or 'qa'}", f"name: {name}"]
    if tags:
        lines += ["frontmatter:", f"  tags: [{', '.join(tags)}]"]
    return "\n".join(lines) + "\n"


contents = st.one_of(
    st.tuples(
        st.sampled_from(NAMES),
        st.lists(st.sampled_from(["role", "ops", "faq"]), max_size=2, unique=True),
        st.sampled_from([None, None, None, "custom-id", "site-reliability"]),
        st.integers(0, 3),
    ).map(lambda t: ("text", t)),
    st.sampled_from(["---\ntitle: x\n", "\xff\xfe not text", "---\ntags: [a\n---\n# x\n"]).map(
        lambda broken: ("broken", broken)
    ),
)
steps = st.lists(
    st.tuples(st.sampled_from(["write", "edit", "rename", "delete", "link"]), st.integers(0, 99),
              st.integers(0, 99), contents),
    min_size=1, max_size=6,
)  # fmt: skip


def _content(path: str, content: tuple[str, object]) -> bytes:
    kind, value = content
    if kind == "broken":
        assert isinstance(value, str)
        return value.encode("latin-1") if value.startswith("\xff") else value.encode()
    name, tags, own_id, filler = value  # type: ignore[misc]
    if path.endswith(".yaml"):
        return _yaml(name, tags, own_id).encode()
    return _markdown(name, tags, own_id, filler).encode()


def _changed(path: Path, data: bytes) -> None:
    """Write `data`, making sure the file's stamp changes (the tick of a coarse clock can
    hold the times still: a real edit that fast is what the index's racy rows are for)."""
    before = nameindex.stamp_of(str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    while before is not None and nameindex.stamp_of(str(path)) == before:
        time.sleep(0.002)
        os.utime(path)


def _apply(root: Path, step: tuple[str, int, int, tuple[str, object]]) -> None:
    kind, a, b, content = step
    existing = sorted(p for p in root.rglob("*") if p.is_file() or p.is_symlink())
    target = root / PATHS[a % len(PATHS)]
    if kind == "write" or not existing:
        if not target.is_symlink():
            _changed(target, _content(target.name, content))
        return
    chosen = existing[a % len(existing)]
    if kind == "edit" and not chosen.is_symlink():
        old = chosen.read_bytes()  # the same size when possible: only the times tell
        new = _content(chosen.name, content)
        if len(new) < len(old):
            new += b" " * (len(old) - len(new))
        _changed(chosen, new[: max(len(old), 1)] if b % 2 else new)
    elif kind == "rename":
        other = root / PATHS[b % len(PATHS)]
        if not other.exists() and not other.is_symlink():
            other.parent.mkdir(parents=True, exist_ok=True)
            chosen.rename(other)
    elif kind == "delete":
        chosen.unlink()
    elif kind == "link" and not target.exists() and not target.is_symlink():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(chosen if b % 3 else root / "missing.md")  # some dangle


def _answer(catalog: Catalog, name: str) -> object:
    try:
        return catalog.resolve(name).model_dump(mode="json")
    except RoleError as exc:
        return f"error: {exc}"


def _listed(catalog: Catalog) -> list[object]:
    """`summaries()`, an error as its code and words (errors compare by identity)."""
    return [
        f"error {item.code}: {item}" if isinstance(item, RoleError) else item
        for item in catalog.summaries()
    ]


@contextmanager
def _counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The files the index parses, as it parses them."""
    parsed: list[str] = []
    real = nameindex.read_row

    def counting(path: str, **options: object) -> object:
        parsed.append(path)
        return real(path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(nameindex, "read_row", counting)
    yield parsed
    monkeypatch.setattr(nameindex, "read_row", real)


SELECTIONS = [
    ProfilesConfig(),
    ProfilesConfig(tags=["role"]),
    ProfilesConfig(paths=["eng/**"]),
    ProfilesConfig(tags=["ops", "faq"], paths=["**/*.md"]),
]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    first=st.lists(st.tuples(st.integers(0, 99), contents), min_size=1, max_size=6),
    changes=steps,
    selection=st.sampled_from(SELECTIONS),
)
def test_the_index_answers_as_a_scan_of_every_file(
    first: list[tuple[int, tuple[str, object]]],
    changes: list[tuple[str, int, int, tuple[str, object]]],
    selection: ProfilesConfig,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(nameindex, "RACY_NS", 0)  # files are new here; racy rows: below
    with tempfile.TemporaryDirectory() as folder, _counted(monkeypatch) as parsed:
        root = Path(folder) / "roles"
        root.mkdir()
        monkeypatch.setenv("ROLES_CACHE_DIR", str(Path(folder) / "cache"))
        for at, content in first:
            _apply(root, ("write", at, 0, content))
        for step in [None, *changes]:
            if step is not None:
                _apply(root, step)
            files = Catalog(root, profiles=selection).files()
            queries = [*QUERIES, *(p.stem for p in files), *(str(p) for p in files[:2])]
            for query in queries:
                indexed = Catalog(root, profiles=selection)
                scanned = Catalog(root, profiles=selection, name_index=False)
                assert _answer(indexed, query) == _answer(scanned, query), query
            assert sorted(Catalog(root, profiles=selection).profile_ids()) == sorted(
                Catalog(root, profiles=selection, name_index=False).profile_ids()
            )
            scanned = _listed(Catalog(root, profiles=selection, name_index=False))
            assert _listed(Catalog(root, profiles=selection)) == scanned
            parsed.clear()
            _answer(Catalog(root, profiles=selection), "nope")  # nothing changed: none parsed
            assert _listed(Catalog(root, profiles=selection)) == scanned
            assert [p for p in parsed if nameindex.stamp_of(p) is not None] == []  # dangling only


def _two_roles(root: Path) -> None:
    write(root / "eng" / "platform.md", _markdown("Platform Engineer", ["role"], None, 1))
    write(root / "eng" / "index.md", _markdown("Engineering Manager", ["role"], None, 1))
    write(root / "broken.md", "---\ntitle: x\n")


def _old(root: Path) -> None:
    """Give every file times from long ago, as a catalog checked out yesterday has."""
    for path in root.rglob("*.md"):
        os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))


def test_a_second_run_parses_only_what_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "roles"
    _two_roles(root)
    _old(root)
    monkeypatch.setattr(nameindex, "RACY_NS", 0)  # utime sets the ctime to now
    with _counted(monkeypatch) as parsed:
        assert Catalog(root).resolve("platform").id == "eng/platform"
        assert len(parsed) == 3  # the first run reads every file
        (index,) = _index_files()
        parsed.clear()
        assert Catalog(root).resolve("eng").id == "eng/index"  # the folder of its index doc
        assert parsed == []
        write(root / "eng" / "platform.md", _markdown("Platform Lead", ["role"], None, 1))
        assert Catalog(root).resolve("lead").name == "Platform Lead"
        assert parsed == [str(root / "eng" / "platform.md")]
        assert index.exists()


def _index_files() -> list[Path]:
    return sorted(Path(os.environ["ROLES_CACHE_DIR"]).glob("names-*.json"))


def test_a_file_changed_just_before_it_was_read_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "roles"
    _two_roles(root)  # written now: within RACY_NS of the first run
    with _counted(monkeypatch) as parsed:
        Catalog(root).resolve("platform")
        (index,) = _index_files()
        header, *sections = index.read_bytes().split(b"\n")
        assert json.loads(header)["racy"] is True
        assert len(json.loads(sections[3])["racy"]) == 3  # the files section
        parsed.clear()
        Catalog(root).resolve("platform")  # same stamps, but they cannot be trusted yet
        assert sorted(parsed) == sorted(str(p) for p in root.rglob("*.md"))
        monkeypatch.setattr(nameindex, "RACY_NS", 0)
        Catalog(root).resolve("platform")  # written again, now without racy rows
        parsed.clear()
        Catalog(root).resolve("platform")
        assert parsed == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],
        lambda data: b"garbage",
        lambda data: b"",
        lambda data: data.replace(b"Platform Engineer", b"Platform Enginexr"),
        lambda data: data.replace(
            f'"roledeck-name-index": {namestore.FORMAT}'.encode(), b'"roledeck-name-index": 99'
        ),
        lambda data: data.replace(b'"sections": ["', b'"sections": ["0'),
        lambda data: data.replace(b'"racy": false', b'"racy": true').split(b"\n", 1)[0] + b"\n",
    ],
    ids=["truncated", "garbage", "empty", "edited", "other-format", "bad-digest", "no-sections"],
)
def test_a_damaged_index_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: object
) -> None:
    root = tmp_path / "roles"
    _two_roles(root)
    _old(root)
    monkeypatch.setattr(nameindex, "RACY_NS", 0)
    with _counted(monkeypatch) as parsed:
        Catalog(root).resolve("platform")
        (index,) = _index_files()
        index.write_bytes(damage(index.read_bytes()))  # type: ignore[operator]
        parsed.clear()
        assert Catalog(root).resolve("engineer").name == "Platform Engineer"
        assert len(parsed) == 3  # read again, whole
        parsed.clear()
        Catalog(root).resolve("engineer")
        assert parsed == []  # and written again, good


def _redigest(data: bytes, section: int, change: object) -> bytes:
    """`data` with one section changed by `change` and its digest made right again: a
    well-formed index whose content is not what this format writes."""
    header_line, *sections = data.split(b"\n")
    header = json.loads(header_line)
    sections[section] = json.dumps(change(json.loads(sections[section]))).encode()  # type: ignore[operator]
    header["sections"][section] = hashlib.sha256(sections[section]).hexdigest()
    return b"\n".join([json.dumps(header).encode(), *sections])


SUMMARIES = namestore.Stored.SECTIONS.index("summaries")


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],
        lambda data: b"garbage",
        lambda data: data.replace(b'"needs":[', b'"needs":[7,'),  # the summaries' digest
        lambda data: data.replace(b'"prefix":"', b'"prefix":"x'),
        lambda data: _redigest(data, SUMMARIES, lambda d: {**d, "needs": d["needs"][1:]}),
        lambda data: _redigest(data, SUMMARIES, lambda d: {**d, "kind_of": [9] * 2}),
        lambda data: _redigest(data, SUMMARIES, lambda d: {k: d[k] for k in list(d)[1:]}),
        lambda data: _redigest(data, SUMMARIES, lambda d: [d]),
    ],
    ids=["truncated", "garbage", "bad-digest", "edited", "short", "bad-kinds", "no-key", "list"],
)
def test_a_damaged_index_is_not_used_for_summaries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: object
) -> None:
    root = tmp_path / "roles"
    _two_roles(root)
    _old(root)
    monkeypatch.setattr(nameindex, "RACY_NS", 0)
    scanned = _listed(Catalog(root, name_index=False))
    assert [type(item).__name__ for item in scanned] == ["str", "RoleSummary", "RoleSummary"]
    with _counted(monkeypatch) as parsed:
        assert _listed(Catalog(root)) == scanned
        (index,) = _index_files()
        index.write_bytes(damage(index.read_bytes()))  # type: ignore[operator]
        parsed.clear()
        assert _listed(Catalog(root)) == scanned
        assert len(parsed) == 3  # read again, whole
        parsed.clear()
        assert _listed(Catalog(root)) == scanned
        assert parsed == []  # and written again, good


def test_a_name_is_resolved_without_the_summaries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only `roles list` and `roles browse` read the summaries section: looking up a name in
    an unchanged catalog does not (a damaged summaries section costs it nothing)."""
    root = tmp_path / "roles"
    _two_roles(root)
    _old(root)
    monkeypatch.setattr(nameindex, "RACY_NS", 0)
    with _counted(monkeypatch) as parsed:
        Catalog(root).resolve("platform")
        (index,) = _index_files()
        index.write_bytes(index.read_bytes().replace(b'"needs":[', b'"needs":[7,'))
        parsed.clear()
        assert Catalog(root).resolve("manager").id == "eng/index"
        assert parsed == []
        _listed(Catalog(root))
        assert len(parsed) == 3


def test_an_index_for_another_configuration_or_folder_is_another_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "roles"
    _two_roles(root)
    Catalog(root).resolve("platform")
    Catalog(root, max_bytes=10_000).resolve("platform")
    monkeypatch.chdir(tmp_path)
    Catalog(Path("roles")).resolve("platform")  # named otherwise: its errors name it so
    assert len(_index_files()) == 3


def test_without_a_writable_cache_names_still_resolve(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "roles"
    _two_roles(root)
    blocker = write(tmp_path / "not-a-folder", "x")
    monkeypatch.setenv("ROLES_CACHE_DIR", str(blocker))
    assert Catalog(root).resolve("manager").id == "eng/index"
    with pytest.raises(RoleError, match=r"1 file\(s\) could not be read, first: .*broken\.md:1"):
        Catalog(root).resolve("nope")
    assert _listed(Catalog(root)) == _listed(Catalog(root, name_index=False))
    assert len(_listed(Catalog(root))) == 3


def test_show_and_diff_look_names_up_in_the_index(tmp_path: Path) -> None:
    root = tmp_path / "roles"
    _two_roles(root)
    shown = run_roles("show", "engineer", "--roles-dir", str(root), "-f", "json")
    assert shown.exit_code == 0, shown.stderr
    assert json.loads(shown.stdout)["id"] == "eng/platform"
    assert len(_index_files()) == 1
    diffed = run_roles("diff", "engineer", "manager", "--roles-dir", str(root))
    assert diffed.exit_code == 0, diffed.stderr
    by_path = [str(root / "eng" / "platform.md"), str(root / "eng" / "index.md")]
    assert diffed == run_roles("diff", *by_path, "--roles-dir", str(root))
    missing = run_roles("show", "nope", "--roles-dir", str(root))
    assert missing.exit_code == 2
    assert missing.stderr == (
        f"roles: no such role: 'nope'; 1 file(s) could not be read, first: {root / 'broken.md'}"
        ":1: frontmatter is not closed: no '---' line after the opening one\n"
    )


def test_a_small_catalog_is_simply_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "roles"
    _two_roles(root)
    monkeypatch.setattr(catalog, "INDEX_FROM", 4)
    assert Catalog(root).resolve("manager").id == "eng/index"
    assert _index_files() == []
    write(root / "eng" / "other.md", _markdown("Data Engineer", ["role"], None, 1))
    assert Catalog(root).resolve("data").id == "eng/other"
    assert len(_index_files()) == 1  # four files: indexed
