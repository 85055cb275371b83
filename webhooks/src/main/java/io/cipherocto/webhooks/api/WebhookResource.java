package io.cipherocto.webhooks.api;

import io.cipherocto.platform.api.ApiException;
import io.cipherocto.webhooks.WebhookEventType;
import io.cipherocto.webhooks.dispatch.Signatures;
import io.cipherocto.webhooks.dispatch.TargetGuard;
import io.cipherocto.webhooks.store.Delivery;
import io.cipherocto.webhooks.store.DeliveryRepository;
import io.cipherocto.webhooks.store.Subscription;
import io.cipherocto.webhooks.store.SubscriptionRepository;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Webhook subscriptions and their delivery logs (docs/webhooks.md). When {@code octo.webhooks.admin-token} is set,
 * every call needs {@code Authorization: Bearer <token>} (else 401 {@code unauthorized}). The requests are checked
 * first (synchronously), then answered from the Panache read model over Hibernate Reactive, non-blocking: the methods
 * return {@link Uni}s and run on the event loop.
 */
@Path("/api/v1/webhooks")
@Tag(name = "webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {
    static final int MAX_URL = 2048;
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern CURSOR = Pattern.compile("[0-9]{1,18}");

    @Inject
    SubscriptionRepository subscriptions;

    @Inject
    DeliveryRepository deliveries;

    @ConfigProperty(name = "octo.webhooks.admin-token")
    Optional<String> adminToken;

    @ConfigProperty(name = "octo.webhooks.max-subscriptions", defaultValue = "100")
    int maxSubscriptions;

    @ConfigProperty(name = "octo.webhooks.allow-private-targets", defaultValue = "false")
    boolean allowPrivateTargets;

    @Inject
    io.vertx.mutiny.core.Vertx vertx;

    /** The body of a create call. */
    public record CreateRequest(String url, List<String> events, Filter filter) {
    }

    /** Optional narrowing: only events naming this provider (events that name no provider pass). */
    public record Filter(String provider) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a subscription: {url, events[, filter:{provider}]}; the answer holds the HMAC secret, "
            + "shown only this once")
    @APIResponse(responseCode = "201", description = "the subscription, with its secret")
    @APIResponse(responseCode = "400", description = "invalid_body, invalid_url, invalid_events, unknown_event, invalid_filter, "
            + "forbidden_target (the host resolves to a private, local or reserved address, or does not resolve)")
    @APIResponse(responseCode = "401", description = "unauthorized: octo.webhooks.admin-token is set and the bearer token is not it")
    @APIResponse(responseCode = "409", description = "too_many_subscriptions (octo.webhooks.max-subscriptions)")
    public Uni<Response> create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, CreateRequest body) {
        authorize(authorization);
        if (body == null) {
            throw ApiException.badRequest("invalid_body", "expected a JSON object {url, events[, filter]}");
        }
        String url = url(body.url());
        List<String> events = events(body.events());
        Optional<String> provider = Optional.ofNullable(body.filter()).map(Filter::provider).map(p -> {
            if (!ADDRESS.matcher(p).matches()) {
                throw ApiException.badRequest("invalid_filter", "filter.provider must be a 0x address of 40 hex digits");
            }
            return p.toLowerCase(Locale.ROOT);
        });
        TargetGuard guard = new TargetGuard(allowPrivateTargets);
        // name resolution blocks: on a worker thread, the answer back on this request's context (Hibernate Reactive's)
        Uni<Optional<String>> refusal = vertx.executeBlocking(() -> guard.refusal(java.net.URI.create(url)), false);
        return refusal.chain(why -> why.isPresent()
                ? Uni.createFrom().failure(ApiException.badRequest("forbidden_target", why.get()))
                : subscriptions.total()).chain(count -> {
            if (count >= maxSubscriptions) {
                return Uni.createFrom().failure(ApiException.conflict("too_many_subscriptions", "at most "
                        + maxSubscriptions + " subscriptions (octo.webhooks.max-subscriptions); delete one first"));
            }
            String secret = Signatures.newSecret();
            return subscriptions.create(url, events, provider, secret).map(s -> {
                Map<String, Object> view = view(s);
                view.put("secret", secret);
                return Response.status(201).entity(view).build();
            });
        });
    }

    @GET
    @Operation(summary = "Subscriptions, oldest first, without their secrets; limit (default 100, at most 500), the next "
            + "page: after=<next of this one>")
    @APIResponse(responseCode = "400", description = "invalid_cursor, invalid_limit")
    @APIResponse(responseCode = "401", description = "unauthorized")
    public Uni<Map<String, Object>> list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("after") String after, @QueryParam("limit") String limit) {
        authorize(authorization);
        int n = limit(limit);
        return subscriptions.page(cursor(after), n + 1).map(page -> {
            List<Map<String, Object>> items = new ArrayList<>();
            page.stream().limit(n).forEach(s -> items.add(view(s)));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("subscriptions", items);
            out.put("next", page.size() > n ? Long.toString(page.get(n - 1).seq()) : null);
            return out;
        });
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One subscription, without its secret")
    @APIResponse(responseCode = "400", description = "invalid_id")
    @APIResponse(responseCode = "401", description = "unauthorized")
    @APIResponse(responseCode = "404", description = "subscription_not_found")
    public Uni<Map<String, Object>> get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("id") String id) {
        authorize(authorization);
        return find(id(id)).map(WebhookResource::view);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a subscription and its delivery log; pending deliveries are dropped")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "400", description = "invalid_id")
    @APIResponse(responseCode = "401", description = "unauthorized")
    @APIResponse(responseCode = "404", description = "subscription_not_found")
    public Uni<Response> delete(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        authorize(authorization);
        UUID uuid = id(id);
        return subscriptions.remove(uuid).map(deleted -> {
            if (!deleted) {
                throw notFound(uuid);
            }
            return Response.noContent().build();
        });
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "The delivery log of a subscription, oldest first: event, status (pending, delivered, failed), "
            + "attempts, last status code and error, next attempt and delivery times; limit (default 100, at most 500), "
            + "the next page: after=<next of this one>")
    @APIResponse(responseCode = "400", description = "invalid_id, invalid_cursor, invalid_limit")
    @APIResponse(responseCode = "401", description = "unauthorized")
    @APIResponse(responseCode = "404", description = "subscription_not_found")
    public Uni<Map<String, Object>> deliveries(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("id") String id, @QueryParam("after") String after, @QueryParam("limit") String limit) {
        authorize(authorization);
        UUID uuid = id(id);
        int n = limit(limit);
        long from = cursor(after);
        return find(uuid).chain(s -> deliveries.page(uuid, from, n + 1)).map(page -> {
            List<Map<String, Object>> items = new ArrayList<>();
            page.stream().limit(n).forEach(d -> items.add(view(d)));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("subscription", uuid.toString());
            out.put("deliveries", items);
            out.put("next", page.size() > n ? Long.toString(page.get(n - 1).id()) : null);
            return out;
        });
    }

    private void authorize(String authorization) {
        Optional<String> token = adminToken.filter(t -> !t.isBlank());
        if (token.isEmpty()) {
            return;
        }
        String given = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7).trim() : "";
        if (!MessageDigest.isEqual(token.get().getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.unauthorized("unauthorized", "webhook management needs Authorization: Bearer "
                    + "<octo.webhooks.admin-token>");
        }
    }

    private Uni<Subscription> find(UUID id) {
        return subscriptions.get(id).map(s -> s.orElseThrow(() -> notFound(id)));
    }

    private static ApiException notFound(UUID id) {
        return ApiException.notFound("subscription_not_found", "no webhook subscription " + id);
    }

    static UUID id(String text) {
        if (text == null || !UUID_TEXT.matcher(text).matches()) {
            throw ApiException.badRequest("invalid_id", "a subscription id is a UUID, e.g. 3f1c0c9e-8c1a-4d5e-9a57-2d0b6f4f1e2a");
        }
        return UUID.fromString(text);
    }

    static int limit(String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        if (!text.matches("[0-9]{1,4}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > MAX_LIMIT) {
            throw ApiException.badRequest("invalid_limit", "limit must be 1.." + MAX_LIMIT);
        }
        return Integer.parseInt(text);
    }

    static long cursor(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        if (!CURSOR.matcher(text).matches()) {
            throw ApiException.badRequest("invalid_cursor", "after must be the next of a previous page");
        }
        return Long.parseLong(text);
    }

    static String url(String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("invalid_url", "url is required");
        }
        if (text.length() > MAX_URL) {
            throw ApiException.badRequest("invalid_url", "url is longer than " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("invalid_url", "url is not a URI: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw ApiException.badRequest("invalid_url", "url must be http or https");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw ApiException.badRequest("invalid_url", "url needs a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw ApiException.badRequest("invalid_url", "url must not carry credentials (user:password@)");
        }
        if (uri.getRawFragment() != null) {
            throw ApiException.badRequest("invalid_url", "url must not have a fragment");
        }
        return text;
    }

    static List<String> events(List<String> events) {
        if (events == null || events.isEmpty()) {
            throw ApiException.badRequest("invalid_events", "events must name at least one of " + WebhookEventType.names());
        }
        if (events.size() > WebhookEventType.values().length) {
            throw ApiException.badRequest("invalid_events", "events names more types than there are ("
                    + WebhookEventType.values().length + ")");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String e : events) {
            if (e == null || WebhookEventType.of(e).isEmpty()) {
                throw ApiException.badRequest("unknown_event", "unknown event '" + (e == null ? "null" : e.length() > 64
                        ? e.substring(0, 64) + "..." : e) + "' (known: " + WebhookEventType.names() + ")");
            }
            out.add(e);
        }
        return List.copyOf(out);
    }

    private static Map<String, Object> view(Delivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("eventId", d.eventId());
        m.put("event", d.event());
        m.put("status", d.status());
        m.put("attempts", d.attempts());
        m.put("lastStatusCode", d.lastStatusCode().orElse(null));
        m.put("lastError", d.lastError().orElse(null));
        m.put("nextAttemptAt", d.nextAttemptAt().map(Object::toString).orElse(null));
        m.put("deliveredAt", d.deliveredAt().map(Object::toString).orElse(null));
        m.put("createdAt", d.createdAt().toString());
        return m;
    }

    private static Map<String, Object> view(Subscription s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id().toString());
        m.put("url", s.url());
        m.put("events", s.events());
        Map<String, Object> filter = new LinkedHashMap<>();
        s.filterProvider().ifPresent(p -> filter.put("provider", p));
        m.put("filter", filter);
        m.put("createdAt", s.createdAt().toString());
        return m;
    }
}
