"""The command line against the test server: schema, loading, tokens, and setup errors."""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from graphsvc.cli import app
from graphsvc.config import ROOT, Settings
from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.identity import authenticate
from loaders.rows import read_csv

GET_REGION = query("region/get_region")
cli = CliRunner()


def test_token_create_prints_the_token_last(env: dict[str, str], graph: Runner) -> None:
    result = cli.invoke(app, ["token", "create", "--name", "编办-李四", "--role", "office"], env=env)
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    assert token.startswith("gs_")
    user = authenticate(graph, token)
    assert (user.name, user.role) == ("编办-李四", "office")
    listed = cli.invoke(app, ["token", "list"], env=env)
    assert user.token_id in listed.output and token not in listed.output


def test_token_create_refuses_a_department_user_without_a_known_department(env: dict[str, str]) -> None:
    result = cli.invoke(app, ["token", "create", "--name", "王五", "--role", "department"], env=env)
    assert result.exit_code == 1
    assert "部门用户必须指定所属部门" in result.output
    result = cli.invoke(
        app, ["token", "create", "--name", "王五", "--role", "department", "--department", "nope"], env=env
    )
    assert result.exit_code == 1
    assert "未知部门:nope" in result.output


def test_token_revoke_unknown_is_an_error(env: dict[str, str]) -> None:
    result = cli.invoke(app, ["token", "revoke", "tok_000000000000"], env=env)
    assert result.exit_code == 1
    assert "未知令牌" in result.output


def test_load_reference_is_idempotent_and_records_the_actor(
    env: dict[str, str], graph: Runner, settings: Settings
) -> None:
    rows = {
        name: sum(1 for _ in read_csv(settings.service.reference_dir / f"{name.lower()}s.csv"))
        for name in ("Region", "Department")
    }
    rows["Department"] += sum(1 for _ in read_csv(settings.service.reference_dir / "bodies.csv"))
    for _ in range(2):
        result = cli.invoke(app, ["load", "reference"], env=env)
        assert result.exit_code == 0, result.output
        assert f"Region: {rows['Region']}, Department: {rows['Department']}" in result.output
    counts = {r["label"]: r["count"] for r in graph.read(query("admin/count_nodes_by_label"))}
    assert (counts["Region"], counts["Department"]) == (rows["Region"], rows["Department"])
    [region] = graph.read(GET_REGION, id="310112")
    assert region["updated_by"].startswith("cli:")


def test_load_reference_reports_bad_rows_and_keeps_good_ones(
    env: dict[str, str], graph: Runner, tmp_path: Path, settings: Settings
) -> None:
    shutil.copytree(settings.service.reference_dir, tmp_path, dirs_exist_ok=True)
    (tmp_path / "regions.csv").write_text(
        "id,name,level,parent_id\n"
        "310000,上海市,省,\n"
        "3101X2,闵行区,县,310000\n"
        "\n"
        "310116,金山区,区,310000\n"
        "310117,松江区,县,310000\n",
        encoding="utf-8",
    )
    (tmp_path / "departments.csv").write_text(
        "id,name,short_name,level,region_id\n310117-scjgj,上海市松江区市场监督管理局,,县,999999\n",
        encoding="utf-8",
    )
    result = cli.invoke(app, ["load", "reference", "--dir", str(tmp_path)], env=env)
    assert result.exit_code == 1
    assert "regions.csv 第 3 行「id」" in result.output
    assert "row=5, column=level" in result.output
    assert "row=2, column=region_id" in result.output
    assert graph.read(GET_REGION, id="310117")[0]["name"] == "松江区"


def test_schema_apply_twice(env: dict[str, str], graph: Runner) -> None:
    """The second apply finds the schema complete and leaves every constraint and index as it was."""
    schemas = []
    for _ in range(2):
        result = cli.invoke(app, ["schema", "apply"], env=env)
        assert result.exit_code == 0, result.output
        schemas.append((graph.read(query("admin/list_constraints")), graph.read(query("admin/list_indexes"))))
    assert schemas[0] == schemas[1]
    assert schemas[0][0] and schemas[0][1]


def test_load_law_prints_each_file_and_rejects_a_malformed_one(env: dict[str, str], tmp_path: Path) -> None:
    laws = LAWS
    result = cli.invoke(app, ["load", "law", str(laws / "消防法(2021-04-29).md")], env=env)
    assert result.exit_code == 0, result.output
    assert "消防法@2021-04-29" in result.output
    broken = tmp_path / "坏的条例(2020-01-01).md"
    broken.write_text(
        "# 坏的条例\n\n2020年1月1日 国务院公布\n\n<!-- INFO END -->\n\n第一条 甲。\n\n第三条 乙。\n", encoding="utf-8"
    )
    result = cli.invoke(app, ["load", "law", str(broken)], env=env)
    assert result.exit_code == 1
    assert "坏的条例(2020-01-01).md" in result.output and "row=9" in result.output and "条号不连续" in result.output


SAMPLES = ROOT / "data" / "samples"
# The shared texts sit next to the main checkout; a work tree elsewhere names them with GRAPHSVC_LAWS_DIR.
LAWS = Path(os.environ.get("GRAPHSVC_LAWS_DIR") or ROOT.parent / "shared" / "laws")
CITED_LAWS = ["食品安全法(2021-04-29).md", "城镇燃气管理条例(2016-02-06).md", "危险化学品安全管理条例(2013-12-07).md"]


def test_load_forms_with_partial_report_and_dry_run(env: dict[str, str], graph: Runner, tmp_path: Path) -> None:
    for law in CITED_LAWS:
        assert cli.invoke(app, ["load", "law", str(LAWS / law)], env=env).exit_code == 0
    form = str(SAMPLES / "附件1_监管事项清单_雁塔区.xlsx")
    before = graph.read(query("admin/count_nodes_by_label"))
    dry = cli.invoke(app, ["load", "matters", form, "--region", "610113", "--dry-run"], env=env)
    assert dry.exit_code == 0, dry.output
    assert "试运行(未写入):将载入 事项 5/5 项" in dry.output and "✓ 试运行通过" in dry.output
    assert graph.read(query("admin/count_nodes_by_label")) == before
    good = cli.invoke(app, ["load", "matters", form, "--region", "610113"], env=env)
    assert good.exit_code == 0, good.output
    assert "Matter 5" in good.output and "✓ 载入完成" in good.output

    report = tmp_path / "rejected.csv"
    bad = str(SAMPLES / "附件1_监管事项清单_雁塔区_有误.csv")
    whole = cli.invoke(app, ["load", "matters", bad, "--region", "610113"], env=env)
    assert whole.exit_code == 1 and "未写入任何数据" in whole.output and "✓" not in whole.output
    partial = cli.invoke(
        app, ["load", "matters", bad, "--region", "610113", "--partial", "--report", str(report)], env=env
    )
    assert partial.exit_code == 2 and "部分载入" in partial.output and "✓" not in partial.output
    rows = list(csv.DictReader(report.open(encoding="utf-8-sig")))
    assert list(rows[0]) == ["文件", "行", "列", "值", "原因", "结果"]
    # 区消防大队: the county brigade of the city's 支队, loaded with a warning saying so
    assert any(r["行"] == "7" and "区消防大队" in r["值"] and r["结果"] == "已载入(提示)" for r in rows)
    assert any(r["结果"] == "未载入" for r in rows)


def test_generate_then_load_a_folder_and_a_file_with_mistakes(env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "tiny"
    generated = cli.invoke(app, ["generate", "--scale", "tiny", "--seed", "3", "--out", str(out)], env=env)
    assert generated.exit_code == 0, generated.output
    loaded = cli.invoke(app, ["load", "demo", str(out)], env=env)
    assert loaded.exit_code == 0, loaded.output
    assert "Subject: 300" in loaded.output and "行/秒" in loaded.output
    unknown_scale = cli.invoke(app, ["generate", "--scale", "huge", "--out", str(out)], env=env)
    assert unknown_scale.exit_code == 1 and "未知的规模 huge" in unknown_scale.output

    report = tmp_path / "rejected.csv"
    bad = SAMPLES / "entities" / "subjects.csv"
    result = cli.invoke(app, ["load", "subjects", str(bad), "--partial", "--report", str(report)], env=env)
    assert result.exit_code == 2  # the good subjects loaded, the bad ones are in the report
    rows = list(csv.DictReader(report.open(encoding="utf-8-sig")))
    assert any(r["列"] == "id" and "校验" in r["原因"] for r in rows)


def test_powers_resolve_audit_and_vocabularies(env: dict[str, str], graph: Runner, tmp_path: Path) -> None:
    from loaders.synthetic.powers import generate_powers

    written = generate_powers(ROOT / "data" / "reference", "610113", "西安市雁塔区", "县", tmp_path, rows=300, seed=5)
    total = written["权责清单_610113.csv"]  # at least one row per matter of the catalogue the county holds
    lists = str(tmp_path / "权责清单_610113.csv")
    dry = cli.invoke(app, ["load", "powers", lists, "--region", "雁塔区", "--dry-run", "--partial"], env=env)
    assert dry.exit_code == 1 and f"试运行(未写入):将载入 事项 {total - 4}/{total} 项" in dry.output, dry.output
    report = tmp_path / "报告.xlsx"
    loaded = cli.invoke(
        app, ["load", "powers", lists, "--region", "610113", "--partial", "--report", str(report)], env=env
    )
    assert loaded.exit_code == 2 and f"已写入 事项 {total - 4}/{total} 项" in loaded.output and "✓" not in loaded.output
    sheet = openpyxl.load_workbook(report).active
    assert sheet is not None and next(sheet.iter_rows(values_only=True)) == ("文件", "行", "列", "值", "原因", "结果")

    answer = cli.invoke(app, ["resolve", "对食品生产经营者的监督检查", "--region", "雁塔区"], env=env)
    assert answer.exit_code == 0, answer.output
    assert "陕西省西安市雁塔区" in answer.output and "西安市雁塔区市场监督管理局" in answer.output
    unknown = cli.invoke(app, ["resolve", "餐馆油烟", "--region", "火星区"], env=env)
    assert unknown.exit_code == 1 and "未知的行政区划「火星区」" in unknown.output

    workbook = tmp_path / "审计.xlsx"
    audited = cli.invoke(app, ["audit", "--region", "雁塔区", "--out", str(workbook)], env=env)
    assert audited.exit_code == 0, audited.output
    first = openpyxl.load_workbook(workbook)["问题清单"]
    assert first["A1"].value == "陕西省西安市雁塔区跨部门综合监管职责审计" and first["A4"].value == "类型"

    added = cli.invoke(app, ["vocab", "add", "检查方式", "日常巡检", "现场检查", "--note", "到场巡查"], env=env)
    assert added.exit_code == 0 and "日常巡检 → 现场检查" in added.output
    listed = cli.invoke(app, ["vocab", "list", "check_method"], env=env)
    assert "日常巡检" in listed.output and "书面检查" in listed.output
    wrong = cli.invoke(app, ["vocab", "add", "层级", "街道", "乡"], env=env)
    assert wrong.exit_code == 1 and "层级的映射目标「乡」不存在" in wrong.output
