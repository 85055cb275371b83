package io.cipherocto.governance.chain;

/** The latest block: number and timestamp (the governor's clock is the timestamp). */
public record Head(long number, long timestamp) {}
