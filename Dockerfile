# The hosted, read-only dashboard: one Streamlit replica per container (run several behind a proxy or
# the Kubernetes Service in deploy/k8s). README "The container image" explains building and running it.
#   python dev.py image        (Docker where an engine runs, else Debian's podman)
#   docker build -t psw-dash .
#   docker run --rm -p 8501:8501 --read-only --tmpfs /tmp psw-dash
#
# Two stages: the builder installs the pinned requirements into a virtual environment and strips what
# nothing imports at run time; the runtime stage gets that environment, the headless Chromium and the app,
# and no pip, no package index settings and no build tools of its own.

# The base of both stages. An image for a registry is built on python:3.11-slim, pinned by digest:
#   docker build --build-arg BASE=python:3.11-slim@sha256:<digest> -t <registry>/psw-dash:<version> .
# Where that registry is unreachable (these machines), `python dev.py image` builds a stand-in from
# Debian packages (psw_dash/hosting/debian_base.py) for the tests; it is not for a registry.
# The stand-in carries no package sources or index settings of its own: the build host's (its Debian
# sources and apt options, its pip index settings and CA bundle) come in as build secrets, read by the two
# RUNs that install packages and left in no layer. On python:3.11-slim no secret is passed or needed.
ARG BASE=python:3.11-slim

FROM ${BASE} AS builder
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
# The pinned runtime requirements only (not requirements-dev.txt: no test tools in the image).
COPY requirements.txt /tmp/requirements.txt
RUN --mount=type=secret,id=pip.conf --mount=type=secret,id=host-ca.crt \
    if [ -s /run/secrets/pip.conf ]; then export PIP_CONFIG_FILE=/run/secrets/pip.conf; fi \
    && python3 -m venv /opt/venv \
    && /opt/venv/bin/pip install --no-cache-dir -r /tmp/requirements.txt
# What no import reaches at run time: the packages' own test suites, C headers and Cython sources,
# Jupyter extensions, pip itself, and pyarrow's Flight RPC and S3 clients (48 MB; the app reads local
# Parquet files, and pyarrow.fs imports without them). The bytecode pip compiled stays: without it every
# replica start compiles some 2,000 modules again (the root filesystem is read-only, so nothing is cached).
RUN /opt/venv/bin/python -m pip uninstall -y -q pip setuptools \
    && find /opt/venv -depth -type d \( -name tests -o -name include \) -exec rm -rf {} + \
    && find /opt/venv -type f \( -name '*.pyx' -o -name '*.pxd' -o -name '*.pxi' -o -name '*.h' -o -name '*.hpp' \
        -o -name '*.cc' -o -name '*.cpp' -o -name '*.a' \) -delete \
    && rm -rf /opt/venv/share/jupyter /opt/venv/etc/jupyter \
    && cd /opt/venv/lib/python3.11/site-packages/pyarrow \
    && rm -f libarrow_flight.so* libarrow_python_flight.so* _flight.*.so libarrow_s3.so* _s3fs.*.so \
        _pyarrow_cpp_tests.*.so

FROM ${BASE}

# Hosted mode; no .pyc files written (the root filesystem may be read-only); logs straight to stdout.
# HOME is /tmp, the one writable place (an emptyDir in Kubernetes), though the app writes nothing.
ENV PSW_DASH_MODE=hosted \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HOME=/tmp \
    PATH=/opt/venv/bin:$PATH

WORKDIR /app

# Chromium draws the chart images and prints the briefing pack (kaleido drives it;
# psw_dash/charts/image_browser.py), with Liberation fonts for Arial's metrics. The headless shell is
# Chromium without its windowing toolkit (no GTK, no CUPS): everything the app asks of it is headless.
# Nothing is fetched at run time.
# Removed after the install, because the headless shell never runs them: x11-utils (chromium-common
# depends on it for the desktop browser's X11 checks) and the OpenGL stack it pulls in, Mesa's drivers
# and LLVM (160 MB on bookworm), and Chromium's Vulkan debugging layers. Chromium draws in software.
# A package holding a library the headless shell is linked against (its whole ldd closure) is kept,
# whatever its name, and the build fails if the shell then misses a library.
# tini is PID 1: it passes SIGTERM on to the replica from its first instant (Python as PID 1 ignores it
# until its handler is installed, seconds into the start) and reaps Chromium's exited processes.
RUN --mount=type=secret,id=apt-sources --mount=type=secret,id=apt-acquire \
    if [ -s /run/secrets/apt-sources ]; then cp /run/secrets/apt-sources /etc/apt/sources.list.d/host.sources; fi \
    && if [ -s /run/secrets/apt-acquire ]; then cp /run/secrets/apt-acquire /etc/apt/apt.conf.d/90host; fi \
    && apt-get update \
    && apt-get install -y --no-install-recommends chromium-headless-shell fonts-liberation tini \
    && linked="$(ldd /usr/lib/chromium/chromium-headless-shell | awk '{print $1}')" \
    && unused="" \
    && for package in $(dpkg-query -W -f '${db:Status-Abbrev} ${Package}\n' x11-utils 'libgl1*' 'libglx*' \
            'libllvm*' 'libz3-*' 'mesa-libgallium*' 2>/dev/null | awk '$1 == "ii" {print $2}'); do \
        if dpkg -L "$package" | awk -F/ '{print $NF}' | grep -qxF "$linked"; then echo "kept $package"; \
        else unused="$unused $package"; fi; \
    done \
    && if [ -n "$unused" ]; then dpkg --purge --force-depends $unused; fi \
    && ! ldd /usr/lib/chromium/chromium-headless-shell | grep "not found" \
    && rm -f /usr/lib/chromium/libVkLayer_khronos_validation.so* /usr/lib/chromium/libVkICD_mock_icd.so* \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/* /usr/share/doc/* /usr/share/man/* /usr/share/info/* \
        /etc/apt/sources.list.d/host.sources /etc/apt/apt.conf.d/90host
ENV BROWSER_PATH=/usr/bin/chromium-headless-shell

# A user without a login or a home, and no write access to the app's files.
RUN useradd --uid 10001 --user-group --no-create-home --shell /usr/sbin/nologin psw

COPY --from=builder /opt/venv /opt/venv

# The version printed on the briefing pack's cover (a container has no .git): docker build --build-arg
# PSW_DASH_VERSION=... (quoted: "commit 5bac63b" has a space). Declared this late so a new commit
# rebuilds only the layers below.
ARG PSW_DASH_VERSION=""
ENV PSW_DASH_VERSION="${PSW_DASH_VERSION}"

# Only what the app reads at run time; .dockerignore keeps out data/source, tests, .venv and the rest.
COPY app.py ./
COPY pages ./pages
COPY psw_dash ./psw_dash
COPY content ./content
COPY data ./data
COPY static ./static
COPY .streamlit ./.streamlit

USER 10001:10001
EXPOSE 8501

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status != 200)"]

# The same entry point and options as `python dev.py serve-hosted` (psw_dash/settings.py holds them),
# started by tini. Kubernetes' open-data Deployment sets args (not command), so tini stays in front.
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["python", "-m", "psw_dash.hosting.replica", "--port", "8501", "--address", "0.0.0.0"]
