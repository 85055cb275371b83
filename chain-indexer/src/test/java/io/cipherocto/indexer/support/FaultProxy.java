package io.cipherocto.indexer.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JSON-RPC proxy that misbehaves on purpose: between the indexer and anvil it answers some requests with HTTP
 * 500 or a JSON-RPC error, stalls some past the client's timeout, drops some connections without an answer and
 * cuts some bodies short. Deterministic for a seed.
 */
public final class FaultProxy implements AutoCloseable {
    public enum Fault { NONE, HTTP_500, RPC_ERROR, STALL, DROP, TRUNCATE }

    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final URI target;
    private final Random random;
    private final double faultRate;
    private final Duration stall;
    private volatile boolean enabled = true;
    private volatile boolean stripTimestamps;
    public final AtomicInteger stripped = new AtomicInteger();
    public final AtomicInteger faults = new AtomicInteger();
    public final AtomicInteger requests = new AtomicInteger();

    public FaultProxy(String targetUrl, long seed, double faultRate, Duration stall) throws IOException {
        this.target = URI.create(targetUrl);
        this.random = new Random(seed);
        this.faultRate = faultRate;
        this.stall = stall;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Removes {@code blockTimestamp} from every log it forwards, as a node without that extension (geth before 1.14,
     * Besu) answers: the indexer must then read the headers for the timestamps.
     */
    public FaultProxy withoutBlockTimestamps() {
        stripTimestamps = true;
        return this;
    }

    /** Stops injecting faults (everything passes through). */
    public void heal() {
        enabled = false;
    }

    private synchronized Fault draw() {
        if (!enabled || random.nextDouble() >= faultRate) {
            return Fault.NONE;
        }
        Fault[] f = Fault.values();
        return f[1 + random.nextInt(f.length - 1)];
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        byte[] body = ex.getRequestBody().readAllBytes();
        Fault fault = draw();
        if (fault != Fault.NONE) {
            faults.incrementAndGet();
        }
        try {
            switch (fault) {
                case HTTP_500 -> {
                    byte[] b = "internal error".getBytes();
                    ex.sendResponseHeaders(500, b.length);
                    ex.getResponseBody().write(b);
                }
                case RPC_ERROR -> {
                    byte[] b = "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000,\"message\":\"upstream unavailable\"}}".getBytes();
                    ex.getResponseHeaders().add("Content-Type", "application/json");
                    ex.sendResponseHeaders(200, b.length);
                    ex.getResponseBody().write(b);
                }
                case STALL -> {
                    Thread.sleep(stall.toMillis());
                    forward(ex, body, false);
                }
                case DROP -> {
                    // no answer at all: the connection is closed under the client
                }
                case TRUNCATE -> forward(ex, body, true);
                case NONE -> forward(ex, body, false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away (it timed out): nothing to answer
        } finally {
            ex.close();
        }
    }

    private void forward(HttpExchange ex, byte[] body, boolean truncate) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(target)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        byte[] out = r.body();
        if (stripTimestamps) {
            String text = new String(out, java.nio.charset.StandardCharsets.UTF_8);
            String without = text.replaceAll("\"blockTimestamp\"\\s*:\\s*\"0x[0-9a-fA-F]+\"\\s*,?", "");
            if (!without.equals(text)) {
                stripped.incrementAndGet();
                out = without.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(r.statusCode(), out.length);
        OutputStream os = ex.getResponseBody();
        os.write(out, 0, truncate ? out.length / 2 : out.length);
        os.flush();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
