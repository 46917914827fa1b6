// crossmodal web UI: text -> images and image -> captions against this server's POST /search.
"use strict";

const form = document.getElementById("text-form");
const queryInput = document.getElementById("query");
const topK = document.getElementById("top-k");
const searchButton = document.getElementById("search-button");
const dropZone = document.getElementById("drop-zone");
const imageInput = document.getElementById("image-input");
const preview = document.getElementById("query-preview");
const message = document.getElementById("message");
const results = document.getElementById("results");
const statusLine = document.getElementById("status");

function showMessage(text, isError) {
  message.textContent = text;
  message.classList.toggle("error", Boolean(isError));
}

function setBusy(busy) {
  searchButton.disabled = busy;
  document.body.dataset.state = busy ? "loading" : document.body.dataset.state;
}

async function search(item) {
  setBusy(true);
  showMessage("Searching…");
  results.replaceChildren();
  try {
    const response = await fetch("search", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ top_k: Number(topK.value), mode: "search", data: [item] }),
    });
    let body;
    try {
      body = await response.json();
    } catch (e) {
      throw new Error(`the server answered ${response.status} without JSON`);
    }
    if (!response.ok) {
      throw new Error(body.error || `the server answered ${response.status}`);
    }
    render(body.data.docs[0].matches);
  } catch (e) {
    document.body.dataset.state = "error";
    showMessage(`Search failed: ${e.message}`, true);
  } finally {
    searchButton.disabled = false;
  }
}

function render(matches) {
  if (matches.length === 0) {
    document.body.dataset.state = "empty";
    showMessage("No results: the workspace has nothing to match this query against.");
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
  img.alt = match.id;
  img.loading = "lazy";
  card.append(img, body(match.id, match));
  return card;
}

function captionCard(match) {
  const card = element("article", "result");
  card.dataset.id = match.id;
  card.append(body(match.text, match));
  return card;
}

function body(text, match) {
  const div = element("div", "body");
  const caption = element("p", "caption");
  caption.textContent = text;
  const meta = element("div", "meta");
  const id = element("span", "id");
  id.textContent = match.modality === "image" ? "" : match.id;
  const score = element("span", "score");
  score.textContent = `cosine ${match.scores.cosine.value.toFixed(3)}`;
  meta.append(id, score);
  div.append(caption, meta);
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
  search(text);
});

function searchImageFile(file) {
  if (!file) {
    return;
  }
  if (!file.type.startsWith("image/")) {
    showMessage(`${file.name} is not an image.`, true);
    return;
  }
  const reader = new FileReader();
  reader.onload = () => {
    preview.src = reader.result;
    preview.hidden = false;
    search(reader.result);
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

async function showStatus() {
  try {
    const health = await (await fetch("health")).json();
    statusLine.textContent = `${health.images} images, ${health.texts} captions · model ${health.model}`;
  } catch (e) {
    statusLine.textContent = "Server unreachable.";
  }
}

showStatus();
// A link such as /#q=a%20red%20car runs that query on load.
const initial = new URLSearchParams(location.hash.slice(1)).get("q");
if (initial) {
  queryInput.value = initial;
  search(initial);
}
