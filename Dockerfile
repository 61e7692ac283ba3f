# The hosted, read-only dashboard: one Streamlit replica per container (run several behind a proxy or
# the Kubernetes Service in deploy/k8s). README "Hosting" explains building and running it.
#   docker build -t psw-dash .
#   docker run --rm -p 8501:8501 --read-only --tmpfs /tmp psw-dash
FROM python:3.11-slim

# Hosted mode; no .pyc files (the root filesystem may be read-only); logs straight to stdout.
# HOME is /tmp, the one writable place (an emptyDir in Kubernetes), though the app writes nothing.
ENV PSW_DASH_MODE=hosted \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HOME=/tmp

WORKDIR /app

# Chromium draws the chart images and prints the briefing pack (kaleido drives it; psw_dash/export), with
# Liberation fonts for Arial's metrics. Nothing is fetched at run time.
RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium fonts-liberation \
    && rm -rf /var/lib/apt/lists/*
# The version printed on the briefing pack's cover (a container has no .git): docker build --build-arg PSW_DASH_VERSION=...
ARG PSW_DASH_VERSION=""
ENV BROWSER_PATH=/usr/bin/chromium \
    PSW_DASH_VERSION=${PSW_DASH_VERSION}

# The pinned runtime requirements only (not requirements-dev.txt: no test tools in the image).
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt

# A user without a login or a home, and no write access to the app's files.
RUN useradd --uid 10001 --user-group --no-create-home --shell /usr/sbin/nologin psw

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

# The same entry point and options as `python dev.py serve-hosted` (psw_dash/settings.py holds them).
CMD ["python", "-m", "psw_dash.hosting.replica", "--port", "8501", "--address", "0.0.0.0"]
