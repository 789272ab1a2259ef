package io.jetliner.flink.benchmarks;

import org.openjdk.jmh.infra.Blackhole;

/** One way of decoding every row of {@link DecodedBlocks} and consuming every wanted value. */
interface DecodePass {

    /** Decodes all blocks once; values that are not summed into the checksum go to {@code sink}. */
    PassResult run(Blackhole sink);
}
