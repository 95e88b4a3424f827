FROM node:20-bookworm-slim
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1

# Dependencies first, so a code change does not reinstall them. Install
# scripts stay off (Prisma's would download engines Kordon never uses); the
# only step needed, generating the Prisma client, runs explicitly.
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts ./scripts
COPY prisma ./prisma
RUN npm ci --ignore-scripts --no-audit --no-fund && node scripts/prisma-generate.mjs

COPY . .
RUN npm run build && npm prune --omit=dev --ignore-scripts

ENV NODE_ENV=production PORT=3000
EXPOSE 3000
USER node
CMD ["node", "--import", "tsx", "server/main.ts"]
