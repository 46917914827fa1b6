// crossmodal web UI: text -> images, image -> captions or similar images, "more like this",
// against this server's POST /search.
"use strict";

const form = document.getElementById("text-form");
const queryInput = document.getElementById("query");
const topK = document.getElementById("top-k");
const searchButton = document.getElementById("search-button");
const dropZone = document.getElementById("drop-zone");
const imageInput = document.getElementById("image-input");
const preview = document.getElementById("query-preview");
const minScore = document.getElementById("min-score");
const minScoreValue = document.getElementById("min-score-value");
const message = document.getElementById("message");
const results = document.getElementById("results");
const statusLine = document.getElementById("status");

// The server takes bodies up to 10 MiB; base64 makes an image a third larger.
const MAX_IMAGE_BYTES = 7 * 1024 * 1024;

// The last query, so that moving the cutoff can run it again: {item, modality, label}.
let lastQuery = null;

function showMessage(text, isError) {
  message.textContent = text;
  message.classList.toggle("error", Boolean(isError));
}

function cutoff() {
  const value = Number(minScore.value);
  return value <= Number(minScore.min) ? null : value;
}

function imageTarget() {
  return document.querySelector("input[name=image-target]:checked").value;
}

async function search(query) {
  lastQuery = query;
  searchButton.disabled = true;
  document.body.dataset.state = "loading";
  showMessage("Searching…");
  results.replaceChildren();
  const request = { top_k: Number(topK.value), mode: "search", data: [query.item] };
  if (query.modality) {
    request.modality = query.modality;
  }
  if (cutoff() !== null) {
    request.min_score = cutoff();
  }
  try {
    const response = await fetch("search", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(request),
    });
    let body;
    try {
      body = await response.json();
    } catch (e) {
      throw new Error(`the server answered ${response.status} without JSON`);
    }
    if (!response.ok) {
      throw new Error(friendly(body.error || `the server answered ${response.status}`, query));
    }
    render(body.data.docs[0].matches);
  } catch (e) {
    document.body.dataset.state = "error";
    showMessage(e.message.startsWith("Search failed") ? e.message : `Search failed: ${e.message}`, true);
  } finally {
    searchButton.disabled = false;
  }
}

// Turns the server's messages about an uploaded image into words for the person who chose it.
function friendly(error, query) {
  if (query.file && /image|decode|data URI|base64/i.test(error)) {
    return `Search failed: ${query.file} could not be read as an image. It may be damaged, or in a`
      + " format this server cannot decode: try a JPEG or PNG copy of it.";
  }
  if (/larger than the limit/.test(error)) {
    return "Search failed: that image is too large to send. Try one under 7 MB.";
  }
  return error;
}

function render(matches) {
  if (matches.length === 0) {
    document.body.dataset.state = "empty";
    showMessage(cutoff() === null
      ? "No results: the workspace has nothing to match this query against."
      : `No results score ${cutoff().toFixed(2)} or more. Lower the cutoff to see more.`);
    return;
  }
  document.body.dataset.state = "results";
  const images = matches[0].modality === "image";
  results.classList.toggle("captions", !images);
  showMessage(`${matches.length} ${images ? "images" : "captions"}, best first.`);
  for (const match of matches) {
    results.append(images ? imageCard(match) : captionCard(match));
  }
}

function imageCard(match) {
  const card = element("figure", "result");
  card.dataset.id = match.id;
  const img = element("img", "result-image");
  img.src = match.uri;
  img.alt = match.captions && match.captions.length ? match.captions[0] : match.file || match.id;
  img.loading = "lazy";
  const body = element("figcaption", "body");
  const file = element("p", "file");
  file.textContent = match.file || match.id;
  body.append(file);
  if (match.captions && match.captions.length) {
    const caption = element("p", "caption");
    caption.textContent = match.captions[0];
    body.append(caption);
  }
  const more = element("button", "more-like-this");
  more.type = "button";
  more.textContent = "More like this";
  more.setAttribute("aria-label", `More images like ${match.file || match.id}`);
  more.addEventListener("click", () => {
    preview.src = match.uri;
    preview.hidden = false;
    search({ item: match.uri, modality: "image", label: match.file });
  });
  body.append(meta(match), more);
  card.append(img, body);
  return card;
}

function captionCard(match) {
  const card = element("article", "result caption-result");
  card.dataset.id = match.id;
  if (match.image_uri) {
    const thumb = element("img", "thumb");
    thumb.src = match.image_uri;
    thumb.alt = "";
    thumb.loading = "lazy";
    card.append(thumb);
  }
  const body = element("div", "body");
  const caption = element("p", "caption");
  caption.textContent = match.text;
  body.append(caption, meta(match));
  card.append(body);
  return card;
}

function meta(match) {
  const div = element("div", "meta");
  const id = element("span", "id");
  id.textContent = match.modality === "image" ? "" : match.id;
  const score = element("span", "score");
  score.textContent = `cosine ${match.scores.cosine.value.toFixed(3)}`;
  div.append(id, score);
  return div;
}

function element(tag, className) {
  const e = document.createElement(tag);
  e.className = className;
  return e;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = queryInput.value.trim();
  if (!text) {
    showMessage("Type what the image should show.", true);
    return;
  }
  history.replaceState(null, "", `#q=${encodeURIComponent(text)}`);
  preview.hidden = true;
  search({ item: text, label: text });
});

function searchImageFile(file) {
  if (!file) {
    return;
  }
  if (!file.type.startsWith("image/")) {
    showMessage(`${file.name} is not an image${file.type ? ` (it is ${file.type})` : ""}:`
      + " choose a photo, such as a JPEG or PNG file.", true);
    return;
  }
  if (file.size > MAX_IMAGE_BYTES) {
    showMessage(`${file.name} is ${(file.size / 1048576).toFixed(1)} MB: choose an image under 7 MB.`, true);
    return;
  }
  const reader = new FileReader();
  reader.onload = () => {
    preview.src = reader.result;
    preview.hidden = false;
    search({ item: reader.result, modality: imageTarget(), label: file.name, file: file.name });
  };
  reader.onerror = () => showMessage(`Cannot read ${file.name}.`, true);
  reader.readAsDataURL(file);
}

dropZone.addEventListener("click", (event) => {
  if (event.target !== imageInput) {
    imageInput.click();
  }
});
dropZone.addEventListener("keydown", (event) => {
  if (event.key === "Enter" || event.key === " ") {
    event.preventDefault();
    imageInput.click();
  }
});
imageInput.addEventListener("change", () => searchImageFile(imageInput.files[0]));
dropZone.addEventListener("dragover", (event) => {
  event.preventDefault();
  dropZone.classList.add("dragging");
});
dropZone.addEventListener("dragleave", () => dropZone.classList.remove("dragging"));
dropZone.addEventListener("drop", (event) => {
  event.preventDefault();
  dropZone.classList.remove("dragging");
  searchImageFile(event.dataTransfer.files[0]);
});

function showCutoff() {
  minScoreValue.textContent = cutoff() === null ? "no cutoff" : cutoff().toFixed(2);
}
minScore.addEventListener("input", showCutoff);
// Searching again once the slider is let go keeps a drag from sending a request per step.
minScore.addEventListener("change", () => {
  showCutoff();
  if (lastQuery) {
    search(lastQuery);
  }
});

async function showStatus() {
  try {
    const health = await (await fetch("health")).json();
    statusLine.textContent = `${health.images} images, ${health.texts} captions · model ${health.model}`;
  } catch (e) {
    statusLine.textContent = "Server unreachable.";
  }
}

showStatus();
showCutoff();
// A link such as /#q=a%20red%20car runs that query on load.
const initial = new URLSearchParams(location.hash.slice(1)).get("q");
if (initial) {
  queryInput.value = initial;
  search({ item: initial, label: initial });
}
