# The Kiln inference service: a published, self-contained Kiln.Serving plus the champion model. No SDK inside.
# Kiln's ImageBuilder sends a context of: Dockerfile, app/ (dotnet publish output) and model/model.onnx.
# By hand, from the repository root after publishing:
#   docker build --build-arg APP_DIR=artifacts/publish --build-arg MODEL_FILE=artifacts/model/model.onnx -t kiln-churn:dev .
# Machines that cannot pull mcr.microsoft.com use --build-arg BASE_IMAGE=kiln-base:offline (built by OfflineBaseImage).
ARG BASE_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled
FROM ${BASE_IMAGE}

# Root owns the files and the service runs as app (uid 1654): the process cannot change its own code or model.
# Copied before the per-version arguments, so the service layer is shared by every version that changes only the model.
ARG APP_DIR=app
ARG MODEL_FILE=model/model.onnx
COPY ${APP_DIR}/ /app/
COPY ${MODEL_FILE} /app/model/model.onnx

ARG VERSION=0.0.0-dev
ARG REVISION=unknown
ARG CREATED=1970-01-01T00:00:00Z
ARG SOURCE=
ARG MODEL_NAME=model
ARG MODEL_VERSION=0
ARG MODEL_SHA256=
ARG DATA_SHA256=

LABEL org.opencontainers.image.title="kiln-serving" \
      org.opencontainers.image.description="Kiln inference service on ONNX Runtime" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="${SOURCE}" \
      io.kiln.model.name="${MODEL_NAME}" \
      io.kiln.model.version="${MODEL_VERSION}" \
      io.kiln.model.sha256="${MODEL_SHA256}" \
      io.kiln.data.sha256="${DATA_SHA256}"

# The service checks the model against Kiln__Model__Sha256 before it reports ready, so a corrupted image never takes traffic.
ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true \
    Kiln__Model__Path=/app/model/model.onnx \
    Kiln__Model__Sha256="${MODEL_SHA256}" \
    Kiln__Model__Name="${MODEL_NAME}" \
    Kiln__Model__Version="${MODEL_VERSION}" \
    Kiln__Service__Version="${VERSION}" \
    Kiln__Service__Port=8080 \
    Kiln__Service__ReusePort=true

WORKDIR /app
USER 1654:1654
EXPOSE 8080

HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 CMD ["/app/Kiln.Serving", "healthcheck"]
ENTRYPOINT ["/app/Kiln.Serving"]
