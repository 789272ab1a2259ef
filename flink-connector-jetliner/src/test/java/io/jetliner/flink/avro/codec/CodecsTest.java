package io.jetliner.flink.avro.codec;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.JetlinerException.Kind;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Codecs are found by the names Avro writes in {@code avro.codec}. */
class CodecsTest {

    @Test
    void supportsTheCodecsOfTheAvroSpecification() {
        assertThat(Codecs.supported())
                .containsExactly("null", "deflate", "snappy", "zstandard", "bzip2", "xz");
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "deflate", "snappy", "zstandard", "bzip2", "xz"})
    void createsEachSupportedCodecUnderItsName(String name) {
        assertThat(Codecs.create(name, 1024).name()).isEqualTo(name);
    }

    @Test
    void readsZstdAsZstandard() {
        assertThat(Codecs.create("zstd", 1024).name()).isEqualTo("zstandard");
    }

    @Test
    void readsAnAbsentCodecNameAsNull() {
        assertThat(Codecs.create(null, 1024).name()).isEqualTo("null");
    }

    @Test
    void rejectsAnUnknownCodecNamingItAndTheSupportedOnes() {
        assertThatThrownBy(() -> Codecs.create("lz4", 1024))
                .isInstanceOfSatisfying(
                        JetlinerException.class,
                        e -> {
                            assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED_CODEC);
                            assertThat(e.getMessage())
                                    .contains("'lz4'")
                                    .contains(Codecs.supported())
                                    .contains("zstd");
                        });
    }

    @Test
    void matchesCodecNamesExactlyAsAvroDoes() {
        assertThatThrownBy(() -> Codecs.create("Snappy", 1024))
                .isInstanceOfSatisfying(
                        JetlinerException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED_CODEC));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, Integer.MAX_VALUE})
    void rejectsAMaximumSizeNoArrayCanHave(int maxDecompressedSize) {
        assertThatThrownBy(() -> Codecs.create("deflate", maxDecompressedSize))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
