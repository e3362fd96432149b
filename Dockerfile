# Baton image, shared by the worker (`npm run worker`) and the API (`npm run api`).
FROM node:20-bookworm-slim

ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false

WORKDIR /app
RUN chown node:node /app
USER node

# Dependencies first, so source changes do not invalidate this layer.
# @temporalio/core-bridge ships prebuilt glibc binaries: no build toolchain needed.
COPY --chown=node:node package.json package-lock.json ./
RUN npm ci && npm cache clean --force

COPY --chown=node:node . .
# The web app the API serves at /app (Vite, a devDependency, is installed above).
RUN npm run build:web

ENV NODE_ENV=production \
    PORT=3000
EXPOSE 3000

# docker-compose.yml overrides this for the worker.
CMD ["npm", "run", "api"]
