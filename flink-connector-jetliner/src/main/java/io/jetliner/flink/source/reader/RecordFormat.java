package io.jetliner.flink.source.reader;

import io.jetliner.flink.avro.decode.RowFilter;
import io.jetliner.flink.reader.BlockContent;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInformation;

import org.apache.avro.Schema;

import java.io.Serializable;
import java.util.Optional;

/**
 * What the source makes of Avro records: Flink {@code RowData}, Avro {@code GenericRecord} or a
 * generated {@code SpecificRecord} class. Shipped with the source to every reader.
 */
@Internal
public interface RecordFormat<T> extends Serializable {

    /** The type of the records the source emits. */
    TypeInformation<T> producedType();

    /**
     * A decoder for blocks written with {@code writerSchema}; called on the reader's split fetcher
     * thread, once per writer schema and block in flight (see {@link DecoderPool}), so that each
     * decoder is used by one block at a time.
     */
    BlockDecoder<T> createDecoder(Schema writerSchema);

    /**
     * Checks, before any of its records is read, that files written with {@code writerSchema} can
     * be read as this format's records: called when a file is planned.
     *
     * @throws io.jetliner.flink.JetlinerException of kind {@code INCOMPATIBLE_SCHEMA} if they
     *     cannot, naming the field and both types
     */
    default void checkWriterSchema(Schema writerSchema) {}

    /**
     * The largest number of records one call to the decoder materialises at once, which bounds the
     * memory of decoded data.
     */
    int batchSize();

    /**
     * What the decoders need of the blocks: their payloads, or only their record counts, in which
     * case the payloads are skipped, never read or decompressed, and each decoder gets blocks with
     * a record count and no bytes.
     */
    default BlockContent blockContent() {
        return BlockContent.PAYLOAD;
    }

    /** The filter records must pass to be emitted, if the format has one. */
    default Optional<RowFilter> filter() {
        return Optional.empty();
    }
}
