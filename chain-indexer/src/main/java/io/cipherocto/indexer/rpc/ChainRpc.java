package io.cipherocto.indexer.rpc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.cipherocto.platform.kernel.Hex;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/**
 * The indexer's view of the chain, over any Ethereum JSON-RPC endpoint through web3j: the head, logs of a block
 * range for a set of addresses, and block headers, batched ({@value #HEADER_BATCH} per HTTP request, up to
 * {@code headerConcurrency} requests in flight). Nothing here retries: callers decide (see {@link Backoff}).
 */
public final class ChainRpc implements AutoCloseable {
    static final int HEADER_BATCH = 50;
    private static final Pattern TOO_LARGE = Pattern.compile(
            "too many|limit|exceed|range|response size|timeout|timed out|query returned more", Pattern.CASE_INSENSITIVE);

    private static final MediaType JSON = MediaType.get("application/json");

    private final Web3jService service;
    private final OkHttpClient http;
    private final HttpUrl url;
    private final AtomicLong ids = new AtomicLong();
    private final ExecutorService headerPool;
    private final int headerConcurrency;

    public ChainRpc(String url, Duration timeout, int headerConcurrency) {
        Objects.requireNonNull(url, "url");
        if (headerConcurrency < 1) {
            throw new IllegalArgumentException("headerConcurrency must be >= 1");
        }
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .callTimeout(timeout)
                .retryOnConnectionFailure(false)
                .connectionPool(new ConnectionPool(headerConcurrency + 4, 1, java.util.concurrent.TimeUnit.MINUTES))
                .build();
        this.service = new HttpService(url, http);
        this.http = http;
        this.url = HttpUrl.get(url);
        this.headerConcurrency = headerConcurrency;
        this.headerPool = Executors.newFixedThreadPool(headerConcurrency, r -> {
            Thread t = new Thread(r, "indexer-rpc");
            t.setDaemon(true);
            return t;
        });
    }

    public long chainId() throws RpcException {
        return Hex.quantity(call("eth_chainId", List.of(), QuantityResponse.class));
    }

    public long head() throws RpcException {
        return Hex.quantity(call("eth_blockNumber", List.of(), QuantityResponse.class));
    }

    /**
     * Streams the logs of [from, to] emitted by any of the addresses, in chain order, to {@code each} (one reused
     * {@link RawLog}; see {@link LogStream}). The answer is parsed as it arrives: nothing per log is kept here.
     *
     * @return the number of logs
     */
    public int logs(long from, long to, List<String> addresses, Consumer<RawLog> each) throws RpcException {
        StringBuilder body = new StringBuilder(128 + 45 * addresses.size());
        body.append("{\"jsonrpc\":\"2.0\",\"id\":").append(ids.incrementAndGet())
                .append(",\"method\":\"eth_getLogs\",\"params\":[{\"fromBlock\":\"").append(quantity(from))
                .append("\",\"toBlock\":\"").append(quantity(to)).append("\",\"address\":[");
        for (int i = 0; i < addresses.size(); i++) {
            body.append(i == 0 ? "\"" : ",\"").append(addresses.get(i)).append('"');
        }
        body.append("]}]}");
        okhttp3.Request request = new okhttp3.Request.Builder().url(url).post(RequestBody.create(body.toString(), JSON)).build();
        try (okhttp3.Response r = http.newCall(request).execute()) {
            ResponseBody b = r.body();
            if (b == null) {
                throw new RpcException("eth_getLogs: HTTP " + r.code() + " without a body", false, null);
            }
            try {
                return LogStream.read(b.byteStream(), each, m -> TOO_LARGE.matcher(m).find());
            } catch (RpcException e) {
                if (!r.isSuccessful()) {
                    throw new RpcException("eth_getLogs: HTTP " + r.code() + ": " + e.getMessage(), e.rangeTooLarge()
                            || r.code() == 413, e);
                }
                throw e;
            }
        } catch (IOException e) {
            throw failure("eth_getLogs", e);
        }
    }

    public Optional<BlockHeader> header(long number) throws RpcException {
        RawHeader h = call("eth_getBlockByNumber", List.of(quantity(number), false), HeaderResponse.class);
        return Optional.ofNullable(h).map(RawHeader::toHeader);
    }

    /**
     * Headers of the given block numbers, in the same order; a block the node does not have (beyond its head)
     * ends the list early.
     */
    public List<BlockHeader> headers(List<Long> numbers) throws RpcException {
        List<List<Long>> chunks = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i += HEADER_BATCH) {
            chunks.add(numbers.subList(i, Math.min(numbers.size(), i + HEADER_BATCH)));
        }
        List<BlockHeader> out = new ArrayList<>(numbers.size());
        try {
            for (int wave = 0; wave < chunks.size(); wave += headerConcurrency) {
                List<CompletableFuture<List<BlockHeader>>> futures = new ArrayList<>();
                for (List<Long> chunk : chunks.subList(wave, Math.min(chunks.size(), wave + headerConcurrency))) {
                    futures.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            return headerBatch(chunk);
                        } catch (RpcException e) {
                            throw new java.util.concurrent.CompletionException(e);
                        }
                    }, headerPool));
                }
                for (CompletableFuture<List<BlockHeader>> f : futures) {
                    List<BlockHeader> part = f.get();
                    out.addAll(part);
                    if (part.size() < HEADER_BATCH && out.size() < numbers.size()) {
                        return out; // the node has no more blocks
                    }
                }
            }
            return out;
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RpcException r) {
                throw r;
            }
            throw new RpcException("header batch failed: " + c, false, c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcException("interrupted", false, e);
        }
    }

    private List<BlockHeader> headerBatch(List<Long> numbers) throws RpcException {
        BatchRequest batch = new BatchRequest(service);
        for (long n : numbers) {
            batch.add(new Request<>("eth_getBlockByNumber", List.of(quantity(n), false), service, HeaderResponse.class));
        }
        BatchResponse r;
        try {
            r = batch.send();
        } catch (IOException e) {
            throw failure("eth_getBlockByNumber batch", e);
        }
        List<BlockHeader> out = new ArrayList<>(numbers.size());
        for (Response<?> resp : r.getResponses()) {
            if (resp.hasError()) {
                throw new RpcException("eth_getBlockByNumber: " + resp.getError().getMessage(), false, null);
            }
            RawHeader h = (RawHeader) resp.getResult();
            if (h == null) {
                break;
            }
            out.add(h.toHeader());
        }
        return out;
    }

    private <T, R extends Response<T>> T call(String method, List<?> params, Class<R> type) throws RpcException {
        R r;
        try {
            r = new Request<>(method, params, service, type).send();
        } catch (IOException e) {
            throw failure(method, e);
        } catch (RuntimeException e) {
            throw new RpcException(method + ": " + e, false, e);
        }
        if (r.hasError()) {
            String msg = r.getError().getMessage();
            throw new RpcException(method + ": " + msg + " (code " + r.getError().getCode() + ")",
                    msg != null && TOO_LARGE.matcher(msg).find(), null);
        }
        return r.getResult();
    }

    private static RpcException failure(String method, IOException e) {
        boolean timeout = e instanceof SocketTimeoutException || e instanceof InterruptedIOException
                || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("timeout");
        return new RpcException(method + ": " + e, timeout, e);
    }

    static String quantity(long n) {
        return "0x" + Long.toHexString(n);
    }

    @Override
    public void close() {
        headerPool.shutdownNow();
        try {
            service.close();
        } catch (Exception ignored) {
            // closing an HTTP client cannot fail in a way that matters here
        }
    }

    public static class QuantityResponse extends Response<String> {}

    public static class HeaderResponse extends Response<RawHeader> {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class RawHeader {
        public String number;
        public String hash;
        public String parentHash;
        public String timestamp;

        BlockHeader toHeader() {
            return new BlockHeader(Hex.quantity(number), hash.toLowerCase(Locale.ROOT), parentHash.toLowerCase(Locale.ROOT),
                    Hex.quantity(timestamp));
        }
    }
}
