"""The Python module against the real programs: a corpus indexed by tracuu-index, searched
by tracuu-search --json and by tracuu.open(...).search(...), which must agree exactly."""
import json
import os
import pathlib
import shutil
import subprocess

import pytest

import tracuu

INDEX = os.environ["TRACUU_INDEX_BIN"]
SEARCH = os.environ["TRACUU_SEARCH_BIN"]
CORPUS = pathlib.Path(os.environ["TRACUU_CORPUS_DIR"])
DATA = pathlib.Path(os.environ["TRACUU_TEST_DATA"])
ENV = {k: v for k, v in os.environ.items() if k not in ("TRACUU_DB", "NO_COLOR")}

# The --json keys of a result line.
KEYS = ["rank", "score", "match", "id", "title", "number", "passage", "path", "line", "source",
        "url", "date", "article", "text", "highlights", "highlight_chars"]


def cli(*args, check_status=(0, 1)):
    r = subprocess.run([SEARCH, *args], capture_output=True, text=True, env=ENV)
    assert r.returncode in check_status, r.stderr
    return r


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The sample corpus, the JSON-lines reports and an HTML page (no lines), copied so that
    paths are short, indexed once into one database and once into two shards."""
    work = tmp_path_factory.mktemp("python")
    shutil.copytree(CORPUS, work / "corpus")
    shutil.copy(DATA / "reports.jsonl", work / "corpus")
    shutil.copy(DATA / "bao-cao.html", work / "corpus")
    for db, extra in (("one.db", []), ("sharded", ["--shards", "2"])):
        r = subprocess.run([INDEX, "--db", db, *extra, "corpus"], cwd=work, capture_output=True, text=True,
                           env=ENV)
        assert r.returncode == 0, r.stderr
    return work


QUERIES = ["thủy lợi", "khong ne tranh khuyet diem", "UBND", "Ủy ban nhân dân", "Covid-19", "ref:NQ-15",
           "date:2020..2021 dịch", "\"cải cách hành chính\"", "title:dịch OR khuyết điểm", "khuyế",
           "Hà Nội -Covid"]
OPTIONS = [dict(), dict(limit=3), dict(limit=2, offset=1), dict(per_report=1),
           dict(sort="date", limit=5), dict(sort="date-asc", per_report=2)]


def cli_args(limit=10, offset=0, per_report=None, sort="relevance"):
    args = ["-n", str(limit), "--offset", str(offset), "--sort", sort]
    if per_report is not None:
        args += ["--per-report", str(per_report)]
    return args


@pytest.mark.parametrize("db", ["one.db", "sharded", "sharded/tracuu.stub"])
def test_search_gives_what_json_gives(corpus, db):
    database = tracuu.open(corpus / db)
    compared = 0
    for query in QUERIES:
        for options in OPTIONS:
            lines = cli("--db", str(corpus / db), "--json", *cli_args(**options), "--", query).stdout.splitlines()
            expected = [json.loads(line) for line in lines]
            hits = database.search(query, **options)
            assert [list(e) for e in expected] == [KEYS] * len(expected)
            assert [{k: getattr(h, k) for k in KEYS} for h in hits] == expected, (query, options)
            compared += len(expected)
    assert compared > 200  # the comparison compares something


def test_highlights_are_str_offsets(corpus):
    hit = tracuu.open(str(corpus / "one.db")).search("thủy lợi", limit=1)[0]
    assert [hit.text[s:e] for s, e in hit.highlight_chars] == ["thuỷ", "lợi"]
    raw = hit.text.encode()
    assert [raw[s:e].decode() for s, e in hit.highlights] == ["thuỷ", "lợi"]


def test_counts_and_facets(corpus):
    db = tracuu.open(corpus / "one.db")
    for query in QUERIES:
        out = json.loads(cli("--db", str(corpus / "one.db"), "--json", "--count", "--", query).stdout)
        assert db.count(query) == (out["passages"], out["reports"])
        for field in ("year", "source", "ref"):
            lines = cli("--db", str(corpus / "one.db"), "--json", "--facet", field, "-n", "5", "--", query).stdout
            expected = [(o["value"], o["count"]) for o in map(json.loads, lines.splitlines())]
            assert db.facet(query, field, limit=5) == expected


def test_opens_what_db_takes(corpus):
    several = tracuu.open([corpus / "one.db", str(corpus / "sharded")])  # searched as one, as --db twice
    out = json.loads(cli("--db", str(corpus / "one.db"), "--db", str(corpus / "sharded"), "--json", "--count",
                         "UBND").stdout)
    assert several.count("UBND") == (out["passages"], out["reports"])
    assert several.count("UBND")[0] == 2 * tracuu.open(corpus / "one.db").count("UBND")[0]
    stub = corpus / "remote.stub"
    stub.write_text("remote :xapian-progsrv one.db\n")
    message = cli("--db", str(stub), "UBND", check_status=(2,)).stderr.splitlines()[0]
    with pytest.raises(tracuu.Error) as e:
        tracuu.open(stub)
    assert "tracuu-search: " + str(e.value) == message


@pytest.mark.parametrize("db, query", [("one.db", "khuyết (điểm OR"), ("missing.db", "UBND"),
                                       ("corpus", "UBND")])
def test_errors_carry_the_message_the_cli_prints(corpus, db, query):
    message = cli("--db", str(corpus / db), query, check_status=(2,)).stderr.splitlines()[0]
    with pytest.raises(tracuu.Error) as e:
        tracuu.open(corpus / db).search(query)
    assert "tracuu-search: " + str(e.value) == message


def test_bad_options_raise(corpus):
    db = tracuu.open(corpus / "one.db")
    with pytest.raises(tracuu.Error):
        db.search("UBND", sort="newest")
    with pytest.raises(tracuu.Error):
        db.facet("UBND", "month")
    # Outside the CLI's ranges (-n 1..100000, --offset 0.., --per-report 1..), as the CLI
    # refuses them: per_report=0 meant no limit, limit=-1 was a TypeError.
    for bad in [dict(per_report=0), dict(limit=0), dict(limit=-1), dict(limit=100001),
                dict(offset=-5)]:
        with pytest.raises(tracuu.Error) as e:
            db.search("UBND", **bad)
        assert str(e.value).startswith(next(iter(bad)) + " ")
        option = {"per_report": "--per-report", "limit": "-n", "offset": "--offset"}[next(iter(bad))]
        cli("--db", str(corpus / "one.db"), option, str(next(iter(bad.values()))), "UBND",
            check_status=(2,))
    with pytest.raises(tracuu.Error):
        db.facet("UBND", "year", limit=0)
    assert issubclass(tracuu.Error, Exception)


def test_segment_is_what_the_indexer_segments():
    text = "Tổng Bí thư Tô Lâm làm việc với Thành ủy Hà Nội"
    assert tracuu.segment(text) == ["Tổng Bí thư", "Tô Lâm", "làm việc", "với", "Thành ủy", "Hà Nội"]
    out = subprocess.run([INDEX, "--segment"], input=text + "\n", capture_output=True, text=True, env=ENV).stdout
    assert [w.replace("_", " ") for w in out.split()] == tracuu.segment(text)
    assert tracuu.segment("") == []
