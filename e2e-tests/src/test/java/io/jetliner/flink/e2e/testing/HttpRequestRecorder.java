package io.jetliner.flink.e2e.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on a free loopback port in front of an HTTP/1.1 server, which records the head of
 * every request that passes through it: to count what a client asks of a server without changing a
 * byte of it (signatures over the {@code Host} header stay valid, as the client signs the relay's
 * address and the server sees it).
 *
 * <p>Request bodies are passed on by their {@code Content-Length} or chunked encoding; responses
 * are passed back untouched. Connections are relayed one thread per direction; {@link #close()}
 * ends them all.
 */
public final class HttpRequestRecorder implements AutoCloseable {

    /**
     * The head of one request.
     *
     * @param connection the client's port: requests of one connection share it
     */
    public record Request(
            int connection, String method, String target, Map<String, String> headers) {

        /** The request's path, without the query. */
        public String path() {
            int query = target.indexOf('?');
            return query < 0 ? target : target.substring(0, query);
        }

        /** A header's value, by case-insensitive name, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            String range = header("range");
            return method
                    + " "
                    + target
                    + (range == null ? "" : " [" + range + "]")
                    + " on connection "
                    + connection;
        }
    }

    private static final String HOST = "127.0.0.1";

    private final ServerSocket listener;
    private final int targetPort;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private HttpRequestRecorder(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getByName(HOST));
        Thread acceptor = new Thread(this::accept, "http-recorder-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts relaying from a free port of 127.0.0.1 to {@code 127.0.0.1:targetPort}. */
    public static HttpRequestRecorder start(int targetPort) throws IOException {
        return new HttpRequestRecorder(targetPort);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The URL clients use instead of the server's: {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://" + HOST + ":" + port());
    }

    /** The requests recorded since the start or the last {@link #clear()}, in arrival order. */
    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public void clear() {
        requests.clear();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                sockets.add(client);
                sockets.add(server);
                try {
                    server.connect(new InetSocketAddress(HOST, targetPort), 5_000);
                } catch (IOException e) {
                    // the server is down: the client sees its connection end, as it would
                    closeQuietly(client, server);
                    continue;
                }
                relay("requests", () -> relayRequests(client, server), client, server);
                relay("responses", () -> copy(server.getInputStream(), client), client, server);
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException("the relay stopped accepting", e);
                }
            }
        }
    }

    private interface Transfer {
        void run() throws IOException;
    }

    private void relay(String what, Transfer transfer, Socket client, Socket server) {
        Thread thread =
                new Thread(
                        () -> {
                            try {
                                transfer.run();
                            } catch (IOException e) {
                                // a side closed or reset: end the connection on both sides
                            } finally {
                                closeQuietly(client, server);
                            }
                        },
                        "http-recorder-" + what + "-" + client.getPort());
        thread.setDaemon(true);
        thread.start();
    }

    /** Passes requests from client to server, recording each one's head. */
    private void relayRequests(Socket client, Socket server) throws IOException {
        InputStream in = new BufferedInputStream(client.getInputStream());
        OutputStream out = new BufferedOutputStream(server.getOutputStream(), 64 << 10);
        while (true) {
            List<String> head = readHead(in, out);
            if (head == null) {
                return;
            }
            Request request = parse(client.getPort(), head);
            requests.add(request);
            // before the body: a client that expects "100 Continue" waits for it to send one
            out.flush();
            String chunked = request.header("transfer-encoding");
            if (chunked != null && chunked.toLowerCase(Locale.ROOT).contains("chunked")) {
                copyChunked(in, out);
            } else if (request.header("content-length") != null) {
                copyExactly(in, out, Long.parseLong(request.header("content-length").trim()));
            }
            out.flush();
        }
    }

    /** Reads and passes on the lines of a request head; null at the end of the stream. */
    private static List<String> readHead(InputStream in, OutputStream out) throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine(in, out);
            if (line == null) {
                return null;
            }
            if (line.isEmpty()) {
                if (lines.isEmpty()) {
                    continue; // stray line break between requests
                }
                return lines;
            }
            lines.add(line);
        }
    }

    private static Request parse(int connection, List<String> head) {
        String[] requestLine = head.get(0).split(" ", 3);
        Map<String, String> headers = new TreeMap<>();
        for (String line : head.subList(1, head.size())) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(
                        line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
        }
        return new Request(
                connection,
                requestLine[0],
                requestLine.length > 1 ? requestLine[1] : "",
                Collections.unmodifiableMap(headers));
    }

    private static void copyChunked(InputStream in, OutputStream out) throws IOException {
        while (true) {
            String sizeLine = readLine(in, out);
            if (sizeLine == null) {
                throw new IOException("the stream ended within a chunked body");
            }
            int extension = sizeLine.indexOf(';');
            long size =
                    Long.parseLong(
                            (extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(),
                            16);
            if (size == 0) {
                // trailers, up to an empty line
                String trailer;
                do {
                    trailer = readLine(in, out);
                } while (trailer != null && !trailer.isEmpty());
                return;
            }
            copyExactly(in, out, size);
            readLine(in, out); // the line break after the chunk
        }
    }

    /** Reads and passes on one CRLF-terminated line; returns it without the CRLF. */
    private static String readLine(InputStream in, OutputStream out) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            out.write(b);
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length =
                        bytes.length > 0 && bytes[bytes.length - 1] == '\r'
                                ? bytes.length - 1
                                : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static void copyExactly(InputStream in, OutputStream out, long length)
            throws IOException {
        byte[] buffer = new byte[64 << 10];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("the stream ended within a body");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static void copy(InputStream in, Socket to) throws IOException {
        OutputStream out = to.getOutputStream();
        byte[] buffer = new byte[64 << 10];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            out.flush();
        }
    }

    private void closeQuietly(Socket... pair) {
        for (Socket socket : pair) {
            sockets.remove(socket);
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
