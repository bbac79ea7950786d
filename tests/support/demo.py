"""Reading what ``manage.py demo_users`` prints."""


def printed_login(lines: list[str], title: str = "Administrator") -> tuple[str, str, str]:
    """The admin URL, and the username and password printed under ``title``."""
    (url_line,) = [line for line in lines if line.startswith("Admin site: ")]
    block = lines.index(f"{title}:")
    username_line, password_line = lines[block + 1 : block + 3]
    assert username_line.strip().startswith("username: ")
    assert password_line.strip().startswith("password: ")
    return (
        url_line.removeprefix("Admin site: "),
        username_line.split(": ", 1)[1],
        password_line.split(": ", 1)[1],
    )
