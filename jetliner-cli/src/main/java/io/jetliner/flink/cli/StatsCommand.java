package io.jetliner.flink.cli;

import io.jetliner.flink.avro.codec.Codec;
import io.jetliner.flink.avro.codec.Codecs;
import io.jetliner.flink.avro.codec.GrowableBuffer;
import io.jetliner.flink.avro.container.Block;
import io.jetliner.flink.avro.container.BlockReader;
import io.jetliner.flink.avro.container.ContainerHeader;
import io.jetliner.flink.avro.container.FileSystemInput;
import io.jetliner.flink.source.enumerator.DiscoveredFile;

import org.apache.flink.annotation.Internal;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code jetliner stats PATH}: what the files hold, block by block, from the container format
 * alone: each block's header gives its rows and stored size, and decompressing it (never decoding
 * its records) gives its size uncompressed.
 */
@Internal
@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        description = {
            "Print, per file and in total: rows, blocks, codec, compressed (as stored) and"
                    + " uncompressed bytes of the blocks, and the file size.",
            "Reads every block and decompresses it; decodes no record."
        })
public final class StatsCommand extends JetlinerCommand {

    @Parameters(paramLabel = "PATH", description = "An Avro file, a directory of them or a glob.")
    String path;

    StatsCommand(CliContext context) {
        super(context);
    }

    /** What one file (or all of them) holds. */
    record FileStats(
            String file,
            String codec,
            long rows,
            long blocks,
            long compressedBytes,
            long uncompressedBytes,
            long fileBytes) {}

    @Override
    protected void run() throws IOException {
        List<DiscoveredFile> files = AvroTable.files(path);
        List<FileStats> stats = new ArrayList<>();
        long total = files.stream().mapToLong(DiscoveredFile::length).sum();
        try (Progress progress = progress("stats", total)) {
            for (DiscoveredFile file : files) {
                stats.add(read(file, progress));
            }
        }
        print(stats, context.out());
    }

    static FileStats read(DiscoveredFile file, Progress progress) throws IOException {
        String name = file.path().toString();
        long rows = 0;
        long blocks = 0;
        long compressed = 0;
        long uncompressed = 0;
        long counted = 0;
        String codecName;
        try (FileSystemInput in = FileSystemInput.open(file.path(), file.length())) {
            ContainerHeader header = ContainerHeader.read(in, name);
            codecName = header.codecName();
            Codec codec = Codecs.create(codecName, Codecs.DEFAULT_MAX_DECOMPRESSED_SIZE);
            GrowableBuffer decompressed = new GrowableBuffer();
            // The reader owns and closes its own input, opened again for it.
            try (BlockReader reader =
                    new BlockReader(
                            FileSystemInput.open(file.path(), file.length()),
                            header,
                            name,
                            0,
                            file.length(),
                            Codecs.DEFAULT_MAX_DECOMPRESSED_SIZE)) {
                for (Block block = reader.next(); block != null; block = reader.next()) {
                    codec.decompress(block.data(), 0, block.length(), decompressed);
                    blocks++;
                    rows += block.recordCount();
                    compressed += block.length();
                    uncompressed += decompressed.length();
                    progress.add(block.endOffset() - counted, block.recordCount());
                    counted = block.endOffset();
                }
            }
        }
        progress.add(file.length() - counted, 0);
        return new FileStats(
                name, codecName, rows, blocks, compressed, uncompressed, file.length());
    }

    static void print(List<FileStats> stats, PrintStream out) {
        List<String[]> lines = new ArrayList<>();
        lines.add(
                new String[] {
                    "file", "codec", "rows", "blocks", "compressed", "uncompressed", "file size"
                });
        Set<String> codecs = new LinkedHashSet<>();
        long rows = 0;
        long blocks = 0;
        long compressed = 0;
        long uncompressed = 0;
        long fileBytes = 0;
        for (FileStats file : stats) {
            lines.add(line(file));
            codecs.add(file.codec());
            rows += file.rows();
            blocks += file.blocks();
            compressed += file.compressedBytes();
            uncompressed += file.uncompressedBytes();
            fileBytes += file.fileBytes();
        }
        lines.add(
                line(
                        new FileStats(
                                "total ("
                                        + stats.size()
                                        + (stats.size() == 1 ? " file)" : " files)"),
                                String.join(",", codecs),
                                rows,
                                blocks,
                                compressed,
                                uncompressed,
                                fileBytes)));
        int[] widths = new int[lines.get(0).length];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (String[] line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                // The file name left-aligned, the numbers right-aligned.
                String format = i <= 1 ? "%-" + widths[i] + "s" : "%" + widths[i] + "s";
                text.append(i == 0 ? "" : "  ").append(String.format(format, line[i]));
            }
            out.println(text.toString().stripTrailing());
        }
    }

    private static String[] line(FileStats file) {
        return new String[] {
            file.file(),
            file.codec(),
            Long.toString(file.rows()),
            Long.toString(file.blocks()),
            Long.toString(file.compressedBytes()),
            Long.toString(file.uncompressedBytes()),
            Long.toString(file.fileBytes())
        };
    }
}
