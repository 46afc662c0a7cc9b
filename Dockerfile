# syntax=docker/dockerfile:1
# Obligato images (not built on the development machines: no Docker engine there; kept right by reading).
#
#   docker build -t obligato .                          every role on CPU (api, ingest, extract, all)
#   docker build --target extract-cuda -t obligato:cuda .   the extract role on an NVIDIA GPU
#
# The runtime stages hold compiled JavaScript (dist/) and production dependencies only: no tsx,
# no TypeScript, no vite; they run as the unprivileged `node` user. System packages come from the
# project's one list, .ci/apt-packages.txt, through scripts/setup.sh (`--runtime` leaves out the
# lines tagged "# test" and "# services"): tesseract and every traineddata the tests use are in it.
ARG NODE_IMAGE=node:20-bookworm-slim
ARG CUDA_IMAGE=nvidia/cuda:12.6.3-runtime-ubuntu24.04

# ---- build: all dependencies, the analyst page and dist/, then dev dependencies pruned away
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY .ci/apt-packages.txt .ci/apt-packages.txt
COPY scripts/setup.sh scripts/setup.sh
# Build tools (g++, make, python3) compile the CLD2 binding during npm ci.
RUN scripts/setup.sh --runtime --no-npm && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY scripts/complete-lockfile.mjs scripts/complete-lockfile.mjs
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm run build:dist && npm prune --omit=dev --no-audit --no-fund

# ---- extract-cuda: the extract role on an NVIDIA GPU. node-llama-cpp's prebuilt CUDA binaries
# (@node-llama-cpp/linux-x64-cuda, in node_modules) need the CUDA runtime libraries of this base
# image. No tesseract: OCR is the ingest role's.
FROM ${NODE_IMAGE} AS node
FROM ${CUDA_IMAGE} AS extract-cuda
ENV NODE_ENV=production DATA_DIR=/data MODELS_DIR=/models GPU_LAYERS=auto
COPY --from=node /usr/local/bin/node /usr/local/bin/node
RUN useradd --system --create-home --uid 10001 obligato \
    && mkdir -p /data /models && chown obligato:obligato /data /models
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json ./package.json
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/bin ./bin
USER obligato
ENTRYPOINT ["node", "bin/obligato.mjs"]
CMD ["serve", "--role", "extract"]

# ---- runtime (CPU): every role; the last stage, so a plain `docker build .` gives it
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production DATA_DIR=/data MODELS_DIR=/models TESSDATA_DIR=/usr/share/tesseract-ocr/5/tessdata HOST=0.0.0.0
WORKDIR /app
COPY .ci/apt-packages.txt .ci/apt-packages.txt
COPY scripts/setup.sh scripts/setup.sh
# The same runtime list, without the build tools only npm ci needed.
RUN scripts/setup.sh --runtime --no-npm \
    && apt-get purge -y --auto-remove g++ make python3 \
    && rm -rf /var/lib/apt/lists/* .ci scripts \
    && test -f "$TESSDATA_DIR/osd.traineddata" && test -f "$TESSDATA_DIR/eng.traineddata"
COPY --from=build --chown=root:root /app/package.json ./package.json
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/bin ./bin
RUN mkdir -p /data /models && chown node:node /data /models
USER node
EXPOSE 8080
# Liveness only; readiness (dependencies, draining) is /readyz, health with dependencies /healthz.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/livez').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "bin/obligato.mjs"]
CMD ["serve", "--role", "all"]
