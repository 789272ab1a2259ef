package io.jetliner.flink.benchmarks;

/**
 * What one pass over a file's blocks produced: how many rows, and a checksum of every consumed
 * number (equal for every variant that decoded the same values).
 */
public record PassResult(long rows, long checksum) {}
