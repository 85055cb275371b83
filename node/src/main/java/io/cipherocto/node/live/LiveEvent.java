package io.cipherocto.node.live;

import java.util.Map;

/**
 * One server-sent event of {@code GET /api/v1/live}: its SSE {@code event:} name ({@link #type}), its {@code id:} and
 * its JSON {@code data:}.
 */
public record LiveEvent(String type, String id, Map<String, Object> data) {
}
