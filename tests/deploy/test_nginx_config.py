"""The nginx configuration as rendered: nginx accepts it, it routes and limits, and it leaves the replica's
own work (headers, 404s, caching) to the replica. The answers themselves are tested on a bare replica and
through this proxy by one battery (tests/e2e/test_hosted_in_browser.py)."""

from __future__ import annotations

import re
import subprocess

import pytest

from psw_dash.hosting import flood, nginx, run
from psw_dash.page import layout, preload


@pytest.fixture(scope="module")
def config(tmp_path_factory) -> str:
    workdir = tmp_path_factory.mktemp("nginx")
    return nginx.render("127.0.0.1:18080", [18501, 18502], workdir)


def location(config: str, opening: str) -> str:
    """The body of the location block that starts with `opening` (the whole opening, or its start)."""
    start = (
        config.index(f"location {opening} {{")
        if f"location {opening} {{" in config
        else config.index(f"location {opening}")
    )
    return config[start : config.index("\n        }", start)]


def test_nginx_accepts_the_rendered_config(tmp_path):
    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx.render("127.0.0.1:18080", [18501, 18502], tmp_path))
    result = subprocess.run(
        [run.nginx_binary(), "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_with_affinity_the_proxy_hashes_a_route_cookie_it_sets(config):
    upstream = config[config.index("upstream streamlit_replicas") :]
    assert "hash $psw_route consistent;" in upstream
    assert "server 127.0.0.1:18501" in upstream and "server 127.0.0.1:18502" in upstream
    assert re.search(r'map \$cookie_psw_route \$psw_route_cookie \{\s*""\s+"psw_route=\$request_id;', config)
    server = config[config.index("    server {") : config.index("        location")]
    assert "add_header Set-Cookie $psw_route_cookie;" in server  # every proxied location inherits it


def test_without_affinity_every_request_goes_to_the_next_replica_and_no_cookie_is_set(tmp_path):
    config = nginx.render("127.0.0.1:18080", [18501, 18502], tmp_path, affinity=False)
    upstream = config[config.index("upstream streamlit_replicas") : config.index("keepalive")]
    assert "hash " not in upstream and "Set-Cookie" not in config
    assert "server 127.0.0.1:18501" in upstream and "server 127.0.0.1:18502" in upstream


def test_the_websocket_is_upgraded_with_long_timeouts(config):
    stream = location(config, "= /_stcore/stream")
    assert "proxy_set_header Upgrade $http_upgrade;" in stream and 'proxy_set_header Connection "upgrade";' in stream
    assert "proxy_read_timeout 3600s;" in stream
    assert "proxy_set_header Host $http_host;" in stream  # Streamlit checks Origin against Host


def test_the_proxy_adds_security_headers_only_to_what_it_answers_itself(config):
    """The replica sets them on everything it answers; nginx on its own refusals and the files from disk."""
    own = [location(config, "@too_many"), location(config, "@unavailable"), location(config, "~ ^/data/open/(")]
    for name, value in nginx.security_headers().items():
        assert config.count(f'add_header {name} "{value}" always;') == len(own), name
        assert all(f'add_header {name} "{value}" always;' in block for block in own), name
    assert "error_page 429 @too_many;" in config and "error_page 502 504 @unavailable;" in config
    assert "proxy_intercept_errors" not in config  # a replica's own errors pass through as they are


def test_no_version_banner(config):
    assert "server_tokens off;" in config and "proxy_hide_header Server;" in config


def test_every_other_path_is_left_to_the_replica_to_answer(config):
    """Internal and unknown paths, uploads: the replica answers 404 or 403 (psw_dash/hosting/routes.py)."""
    catch_all = location(config, "/")
    assert "proxy_pass http://streamlit_replicas;" in catch_all and "return" not in catch_all
    assert "return 40" not in config.replace("return 429", "")


def test_every_page_in_the_layout_is_routed_to_the_app(config):
    paths = re.search(r"location ~ \^/\(([\w|]+)\)/\?\$ \{", config).group(1).split("|")
    expected = [page.url_path for page in layout.all_pages() if page.url_path]
    assert sorted(p.replace("\\", "") for p in paths) == sorted(expected)
    assert "proxy_pass" in location(config, "= /")


def test_the_proxy_leaves_caching_to_the_replica(config):
    assert "gzip on;" in config and "application/javascript" in config
    assert "Cache-Control" not in location(config, "/static/")  # the replica stamps files that exist


def test_a_file_missing_from_one_replica_is_asked_of_the_next(config):
    """Mid rolling update a page may name a file only the other version has: its replica's 404 is not final."""
    assert "http_404" in location(config, "/static/").split("proxy_next_upstream", 1)[1].split(";")[0]
    for opening in ("= /", "= /_stcore/stream", "~ ^/_stcore/(health|host-config)$"):
        block = location(config, opening)
        assert "proxy_next_upstream error timeout http_502 http_503;" in block, opening  # lost or draining
        assert "http_404" not in block


def test_pages_and_new_sessions_are_limited_per_client_but_static_files_are_not(config):
    limits = nginx.LIMITS
    assert f"zone=pages_per_client:10m rate={limits.page_rate}r/s;" in config
    assert f"zone=sessions_per_client:10m rate={limits.session_rate}r/s;" in config
    page_limit = f"limit_req zone=pages_per_client burst={limits.page_burst} nodelay;"
    for opening in ("= /", "~ ^/_stcore/(health|host-config)$"):
        assert page_limit in location(config, opening), opening
    assert re.search(r"location ~ \^/\([\w|\\]+\)/\?\$ \{[^}]*" + re.escape(page_limit), config)
    stream = location(config, "= /_stcore/stream")
    assert f"limit_req zone=sessions_per_client burst={limits.session_burst} nodelay;" in stream
    assert f"limit_conn sessions_held_per_client {limits.sessions_held};" in stream
    for opening in ("/static/", "/"):
        block = location(config, opening)
        assert "limit_req" not in block and f"limit_conn requests_open_per_client {limits.requests_open};" in block
    assert "limit_req_status 429;" in config and "limit_conn_status 429;" in config


def test_the_room_allowance_covers_75_readers_opening_at_once():
    """A page load is its HTML, health and host-config (3 page requests) and one new session."""
    assert nginx.LIMITS.page_burst >= 75 * 3 and nginx.LIMITS.session_burst >= 75
    assert nginx.LIMITS is flood.LIMITS  # the proxy's numbers are the replica's


def test_the_csp_allows_only_streamlits_own_inline_script_and_the_apps_preload_and_focus_by_their_hashes():
    html = '<head><script>\n  window.x = 1\n</script><script type="module" src="./a.js"></script></head>'
    policy = nginx.content_security_policy(html)
    assert nginx.inline_script_hashes(html) == ["'sha256-9drQX42/rMuCwOCH/ydXOJ/IpVUloMeSNPc4MfJKROY='"]
    preload_hash = nginx.inline_script_hashes(f"<script>{preload.script()}</script>")[0]
    assert preload_hash == preload.csp_hash()
    focus_hash = nginx.inline_script_hashes(f"<script>{layout.FOCUS_SCRIPT}</script>")[0]
    assert focus_hash == layout.focus_csp_hash()
    assert (
        f"script-src 'self' 'wasm-unsafe-eval' 'sha256-9drQX42/rMuCwOCH/ydXOJ/IpVUloMeSNPc4MfJKROY=' {preload_hash} "
        f"{focus_hash};" in policy
    )
    assert "'unsafe-eval'" not in policy and "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


def test_open_data_location_serves_only_the_files_from_disk_with_the_version_as_etag(config):
    from psw_dash.vocabulary import links

    block = location(config, "~ ^/data/open/(" + "|".join(re.escape(n) for n in links.files()) + ")$")
    # add_header here replaces the server's (the route cookie): a file needs no session, so no cookie
    assert f'alias "{links.DIR}/$1";' in block and "proxy_pass" not in block and "add_header X-Frame-Options" in block
    assert f'add_header ETag "\\"{links.data_version()}\\"" always;' in block
    assert (
        "text/csv csv;" in block and "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet xlsx;" in block
    )
    # Files from disk cost the proxy almost nothing: bounded by how many at once per address, as /static/ is.
    assert "limit_conn requests_open_per_client" in block and "limit_except GET" in block
