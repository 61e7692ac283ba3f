"""The nginx configuration as rendered: nginx accepts it, and it holds each promise of the Hosting section."""
from __future__ import annotations

import re
import subprocess

import pytest

from psw_dash.hosting import nginx, run
from psw_dash.page import layout, preload


@pytest.fixture(scope="module")
def config(tmp_path_factory) -> str:
    workdir = tmp_path_factory.mktemp("nginx")
    return nginx.render("127.0.0.1:18080", [18501, 18502], workdir)


def location(config: str, opening: str) -> str:
    """The body of the location block that starts with `opening`."""
    start = config.index(f"location {opening} {{")
    return config[start:config.index("\n        }", start)]


def test_nginx_accepts_the_rendered_config(tmp_path):
    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx.render("127.0.0.1:18080", [18501, 18502], tmp_path))
    result = subprocess.run([run.nginx_binary(), "-t", "-p", str(tmp_path), "-c", str(conf)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_both_replicas_share_the_load_with_affinity_by_a_cookie_the_proxy_sets(config):
    upstream = config[config.index("upstream streamlit_replicas"):]
    assert "hash $psw_route consistent;" in upstream
    assert "server 127.0.0.1:18501" in upstream and "server 127.0.0.1:18502" in upstream
    assert re.search(r'map \$cookie_psw_route \$psw_route_cookie \{\s*""\s+"psw_route=\$request_id;', config)
    # Every location but the open data's (a file needs no session: test_open_data_location_serves_only_the_files).
    assert config.count("add_header Set-Cookie $psw_route_cookie;") == config.count("location ") - 1


def test_the_websocket_is_upgraded_with_long_timeouts(config):
    stream = location(config, "= /_stcore/stream")
    assert "proxy_set_header Upgrade $http_upgrade;" in stream and 'proxy_set_header Connection "upgrade";' in stream
    assert "proxy_read_timeout 3600s;" in stream
    assert "proxy_set_header Host $http_host;" in stream  # Streamlit checks Origin against Host


def test_every_location_sends_every_security_header_even_on_errors(config):
    locations = config.count("location ")
    for name in nginx.security_headers():
        assert len(re.findall(rf'add_header {name} ".+" always;', config)) == locations, name


def test_no_version_banner(config):
    assert "server_tokens off;" in config and "proxy_hide_header Server;" in config


def test_uploads_are_refused_and_internal_endpoints_are_not_served(config):
    assert "return 403" in location(config, "^~ /_stcore/upload_file")
    assert "return 404" in location(config, "/")
    for internal in ("metrics", "script-health-check", "agent/interact", "upload_file"):
        assert not re.search(rf"location [^{{]*{re.escape(internal)}[^{{]*\{{[^}}]*proxy_pass", config), internal


def test_every_page_in_the_layout_is_routed_to_the_app(config):
    paths = re.search(r"location ~ \^/\(([\w|]+)\)/\?\$ \{", config).group(1).split("|")
    expected = [page.url_path for page in layout.all_pages() if page.url_path]
    assert sorted(p.replace("\\", "") for p in paths) == sorted(expected)
    assert "proxy_pass" in location(config, "= /")


def test_only_static_files_that_exist_are_cached_for_a_year(config):
    assert "gzip on;" in config and "application/javascript" in config
    static = location(config, "/static/")
    assert "add_header Cache-Control $static_cache_control always;" in static
    assert "proxy_hide_header Cache-Control;" in static  # the replica's own header never leaks through
    cache_map = config[config.index("map $status $static_cache_control"):]
    cache_map = cache_map[:cache_map.index("}")]
    assert re.findall(r'(\w+)\s+"([^"]+)";', cache_map) == [
        ("200", "public, max-age=31536000, immutable"), ("304", "public, max-age=31536000, immutable"),
        ("default", "no-store")]


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
    for opening in ("/static/", "/media/", r"~ ^/(favicon\.png|manifest\.json)$"):
        block = location(config, opening)
        assert "limit_req" not in block and f"limit_conn requests_open_per_client {limits.requests_open};" in block
    assert "limit_req_status 429;" in config and "limit_conn_status 429;" in config


def test_the_room_allowance_covers_75_readers_opening_at_once():
    """A page load is its HTML, health and host-config (3 page requests) and one new session."""
    assert nginx.LIMITS.page_burst >= 75 * 3 and nginx.LIMITS.session_burst >= 75


def test_the_csp_allows_only_streamlits_own_inline_script_and_the_apps_preload_and_focus_by_their_hashes():
    html = '<head><script>\n  window.x = 1\n</script><script type="module" src="./a.js"></script></head>'
    policy = nginx.content_security_policy(html)
    assert nginx.inline_script_hashes(html) == ["'sha256-9drQX42/rMuCwOCH/ydXOJ/IpVUloMeSNPc4MfJKROY='"]
    preload_hash = nginx.inline_script_hashes(f"<script>{preload.script()}</script>")[0]
    assert preload_hash == preload.csp_hash()
    focus_hash = nginx.inline_script_hashes(f"<script>{layout.FOCUS_SCRIPT}</script>")[0]
    assert focus_hash == layout.focus_csp_hash()
    assert (f"script-src 'self' 'wasm-unsafe-eval' 'sha256-9drQX42/rMuCwOCH/ydXOJ/IpVUloMeSNPc4MfJKROY=' {preload_hash} "
            f"{focus_hash};" in policy)
    assert "'unsafe-eval'" not in policy and "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


def test_open_data_location_serves_only_the_files_from_disk_with_the_version_as_etag(config):
    from psw_dash.vocabulary import links

    block = location(config, "~ ^/data/open/(" + "|".join(re.escape(n) for n in links.files()) + ")$")
    assert f'alias "{links.DIR}/$1";' in block and "proxy_pass" not in block and "Set-Cookie" not in block
    assert f'add_header ETag "\\"{links.data_version()}\\"" always;' in block
    assert "text/csv csv;" in block and "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet xlsx;" in block
    # Files from disk cost the proxy almost nothing: bounded by how many at once per address, as /static/ is.
    assert "limit_conn requests_open_per_client" in block and "limit_except GET" in block

