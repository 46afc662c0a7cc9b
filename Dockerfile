# One image for every role; the role is chosen by the command (obligato serve --role ...).
# Not built here (no Docker engine on the development machines): kept correct by reading.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# OCR traineddata comes from Debian's packages, never downloaded at run time (TESSDATA_DIR default).
RUN apt-get update && apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd tesseract-ocr-hin tesseract-ocr-ara \
      tesseract-ocr-rus tesseract-ocr-deu tesseract-ocr-fra tesseract-ocr-spa tesseract-ocr-ita \
      tesseract-ocr-por tesseract-ocr-chi-sim tesseract-ocr-jpn tesseract-ocr-kor tesseract-ocr-heb \
      tesseract-ocr-urd tesseract-ocr-tha tesseract-ocr-script-latn tesseract-ocr-script-deva tesseract-ocr-script-arab \
      tesseract-ocr-script-cyrl tesseract-ocr-script-hans tesseract-ocr-script-jpan \
      tesseract-ocr-script-hang tesseract-ocr-script-hebr tesseract-ocr-script-thai \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Dev dependencies are kept: tsx runs the TypeScript sources and vite builds the page.
RUN npm ci --include=dev --no-audit --no-fund
COPY . .
RUN npm run build
# node-llama-cpp ships CUDA binaries; for the GPU extract role build FROM an nvidia/cuda runtime
# image with Node 20 added (the CUDA runtime libraries must be present), else it runs on CPU.
ENTRYPOINT ["node", "bin/obligato.mjs"]
CMD ["serve", "--role", "all"]
