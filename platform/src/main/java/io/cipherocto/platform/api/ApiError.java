package io.cipherocto.platform.api;

/**
 * The body of every 4xx/5xx answer of the API (DESIGN.md section 3): {@code error} is a stable machine-readable code
 * in snake case, {@code message} is for people and may change.
 */
public record ApiError(String error, String message) {}
