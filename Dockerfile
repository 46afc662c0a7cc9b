# One image for every role; the role is chosen by the command (obligato serve --role ...).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ENTRYPOINT ["node", "bin/obligato.mjs"]
CMD ["serve", "--role", "all"]
