package dev.crossmodal.core;

/**
 * A search result: a stored document and its cosine similarity to the query.
 *
 * @param document the matching document, as stored
 * @param score cosine similarity in [-1, 1]; higher is closer
 */
public record Match(Document document, float score) {}
