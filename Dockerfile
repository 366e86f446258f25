# One image for every service and the gateway; docker-compose.yml picks the entry point:
# dist/gateway/src/main.js and dist/services/<name>/src/main.js one per process, or
# dist/scripts/start.js for the whole hub in one process (HUB_TOPOLOGY, README).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY lib lib
COPY services services
COPY gateway gateway
COPY scripts scripts
COPY client client
COPY console console
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY schema schema
COPY package.json ./
USER node
CMD ["node", "dist/gateway/src/main.js"]
