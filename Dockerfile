FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /srv/geokg
COPY pyproject.toml README.md ./
COPY app ./app
COPY graph ./graph
COPY ingest ./ingest
RUN pip install . && useradd --system --home /srv/geokg geokg && mkdir /data && chown geokg /data
USER geokg
EXPOSE 8000
CMD ["geokg", "serve", "--host", "0.0.0.0", "--port", "8000"]
