import pytest

from webapp.html import http_url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "//evil.example",
        "/relative",
        "https://",
        "http://ok.example/\nx",
        "ftp://x.example",
        None,
        3,
    ],
)
def test_refuses_everything_but_absolute_http(url) -> None:  # noqa: ANN001
    assert http_url(url) == ""


def test_keeps_http_and_https() -> None:
    assert http_url("https://www.reddit.com/r/x") == "https://www.reddit.com/r/x"
    assert http_url("HTTP://Example.com/a?b=c") == "HTTP://Example.com/a?b=c"
