"""`graphsvc token …` and `graphsvc user …`: bearer tokens, console users, role and department changes."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.table import Table

from graphsvc import accounts, identity
from graphsvc.cli.common import out, reported, runner, settings
from graphsvc.errors import Conflict, InvalidInput
from graphsvc.identity import Role

token_app = typer.Typer(help="API bearer tokens.", no_args_is_help=True)
user_app = typer.Typer(
    help="Users: console sign-in passwords, explicit role and department changes (recorded in the audit log).",
    no_args_is_help=True,
)


@token_app.command("create")
def token_create(
    name: Annotated[str | None, typer.Option(help="New user's display name, e.g. 闵行区市场监管局-张三")] = None,
    role: Annotated[
        Role | None, typer.Option(help="New user's role: office (编办/司法局), department, analyst, admin")
    ] = None,
    department: Annotated[
        str | None, typer.Option(help="New user's department id, required for role department")
    ] = None,
    user: Annotated[
        str | None, typer.Option(help="An existing user's id (u_…, see `token list`): a new token for them")
    ] = None,
    new_user: Annotated[bool, typer.Option(help="Create a new user even though another has the same name")] = False,
) -> None:
    """A token for a new user (--name --role [--department]) or for an existing one (--user ID); printed once, as
    the last line. A token never changes a role: use `graphsvc user set-role` for that."""
    with reported(), runner(settings()) as r:
        actor = identity.cli_actor()
        if user:
            if name or role or department:
                raise InvalidInput(
                    "--user 为已有用户签发令牌,不能同时给 --name/--role/--department(角色变更请用 user set-role)。"
                )
            new = identity.issue_token(r, user, actor)
        else:
            if not name or role is None:
                raise InvalidInput("新用户需要 --name 和 --role;已有用户请用 --user <编号>。")
            existing = identity.users_named(r, name)
            if existing and not new_user:
                listed = "、".join(f"{u.id}({u.role.value})" for u in existing)
                raise Conflict(
                    f"已有名为「{name}」的用户:{listed}。为其签发令牌请用 --user <编号>;确需同名新用户请加 --new-user。"
                )
            new = identity.issue_token(r, identity.create_user(r, name, role, department, actor).id, actor)
        out.print(f"user={new.user_id} token_id={new.token_id} department={new.department_id or '-'}")
        print(new.token)


@user_app.command("set-role")
def user_set_role(
    user: Annotated[str, typer.Argument(help="The user's id (u_…, see `token list`)")],
    role: Annotated[Role, typer.Argument(help="office, department, analyst or admin")],
    department: Annotated[str | None, typer.Option(help="Department id, required for role department")] = None,
) -> None:
    """Change a user's role (and department); every token of the user follows. Recorded with before → after."""
    with reported(), runner(settings()) as r:
        row = identity.set_role(r, user, role, department, identity.cli_actor())
        out.print(
            f"user={row.id} role: {row.before.role.value} → {row.role.value}; "
            f"department: {row.before.department_id or '-'} → {row.department_id or '-'}"
        )


@user_app.command("set-department")
def user_set_department(
    user: Annotated[str, typer.Argument(help="The department user's id (u_…)")],
    department: Annotated[str, typer.Argument(help="The department they act for from now on")],
) -> None:
    """Move a department user to another department. Recorded with before → after."""
    with reported(), runner(settings()) as r:
        if identity.get_user(r, user).role is not Role.department:
            raise InvalidInput("只有部门用户属于某个部门;先用 user set-role 改为 department 角色。")
        row = identity.set_role(r, user, Role.department, department, identity.cli_actor())
        out.print(f"user={row.id} department: {row.before.department_id or '-'} → {row.department_id}")


@token_app.command("revoke")
def token_revoke(token_id: Annotated[str, typer.Argument(help="Token id (tok_...), see `token list`")]) -> None:
    """Revoke a token; it stays on record with who revoked it and when."""
    with reported(), runner(settings()) as r:
        row = identity.revoke_token(r, token_id, identity.cli_actor())
        out.print(f"revoked {row.token_id} of {row.user_id} at {row.revoked_at}")


@token_app.command("list")
def token_list() -> None:
    """Every token and its user (never the token itself)."""
    with reported(), runner(settings()) as r:
        table = Table("user", "role", "department", "created", "revoked")
        table.add_column("token_id", no_wrap=True)
        for t in identity.list_tokens(r):
            table.add_row(
                t.user_id,
                t.role.value,
                t.department_id or "-",
                str(t.created_at)[:19],
                str(t.revoked_at or "")[:19],
                t.token_id,
            )
        out.print(table)


@user_app.command("create")
def user_create(
    username: Annotated[str, typer.Argument(help="User name to sign in with, e.g. yanta-wang")],
    role: Annotated[Role, typer.Option(help="office (编办/司法局), department, analyst or admin")],
    department: Annotated[str | None, typer.Option(help="Department id, required for role department")] = None,
    name: Annotated[str | None, typer.Option(help="Name shown in the console, e.g. 雁塔区委编办-王")] = None,
) -> None:
    """Create a console user or set a new password: asked at a prompt, or one line on stdin (never an argument)."""
    if sys.stdin.isatty():
        password = typer.prompt("密码", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    with reported(), runner(settings()) as r:
        account = accounts.set_password(r, username, password, role, department, identity.cli_actor(), name)
        out.print(f"user={account.id} username={account.username} role={account.role.value}", highlight=False)
