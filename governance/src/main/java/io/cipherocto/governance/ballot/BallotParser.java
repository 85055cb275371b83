package io.cipherocto.governance.ballot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cipherocto.platform.api.ApiException;
import io.cipherocto.platform.kernel.Address;
import io.cipherocto.platform.kernel.Hex;
import io.cipherocto.platform.kernel.Wei;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * Parses and schema-checks a POST /votes body (400 {@code malformed_json} / {@code invalid_field}). Numbers that
 * are uint256 on chain are decimal strings (JSON numbers up to 2^53 are accepted too); the signature is 65 bytes
 * {@code r || s || v} in hex, v 27/28 or 0/1.
 */
public final class BallotParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("proposalId", "support", "voter", "nonce", "signature", "reason",
            "domain");
    private static final Set<String> DOMAIN_FIELDS = Set.of("name", "version", "chainId", "verifyingContract");
    private static final int MAX_REASON_BYTES = 4096;

    private BallotParser() {
    }

    public static BallotSubmission parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed_json", "body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("malformed_json", "body is not valid JSON");
        }
        if (!(root instanceof ObjectNode obj)) {
            throw ApiException.badRequest("malformed_json", "body must be a JSON object");
        }
        onlyKnown(obj, FIELDS, "");
        BigInteger proposalId = uint256(obj, "proposalId");
        JsonNode supportNode = required(obj, "support");
        if (!supportNode.isIntegralNumber() || supportNode.asInt() < 0 || supportNode.asInt() > 2
                || !supportNode.canConvertToInt()) {
            throw invalid("support", "must be 0 (against), 1 (for) or 2 (abstain)");
        }
        String voter = address(text(obj, "voter"), "voter");
        BigInteger nonce = uint256(obj, "nonce");
        byte[] signature = signature(text(obj, "signature"));
        Optional<String> reason = Optional.empty();
        JsonNode r = obj.get("reason");
        if (r != null && !r.isNull()) {
            if (!r.isTextual()) {
                throw invalid("reason", "must be a string");
            }
            if (r.textValue().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
                throw invalid("reason", "longer than " + MAX_REASON_BYTES + " bytes");
            }
            reason = Optional.of(r.textValue());
        }
        return new BallotSubmission(proposalId, supportNode.asInt(), voter, nonce, signature, reason, domain(obj));
    }

    private static Optional<DomainFields> domain(ObjectNode obj) {
        JsonNode d = obj.get("domain");
        if (d == null || d.isNull()) {
            return Optional.empty();
        }
        if (!(d instanceof ObjectNode dom)) {
            throw invalid("domain", "must be an object {name, version, chainId, verifyingContract}");
        }
        onlyKnown(dom, DOMAIN_FIELDS, "domain.");
        Optional<String> name = optionalText(dom, "name");
        Optional<String> version = optionalText(dom, "version");
        Optional<Long> chainId = Optional.empty();
        JsonNode c = dom.get("chainId");
        if (c != null && !c.isNull()) {
            BigInteger v = c.isIntegralNumber() ? c.bigIntegerValue() : c.isTextual() ? number(c.textValue(), "domain.chainId") : null;
            if (v == null || v.signum() < 0 || v.bitLength() > 63) {
                throw invalid("domain.chainId", "must be a chain id (number or decimal string)");
            }
            chainId = Optional.of(v.longValue());
        }
        Optional<String> vc = optionalText(dom, "verifyingContract").map(a -> address(a, "domain.verifyingContract"));
        return Optional.of(new DomainFields(name, version, chainId, vc));
    }

    private static void onlyKnown(ObjectNode obj, Set<String> known, String prefix) {
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw invalid(prefix + f, "unknown field");
            }
        }
    }

    private static JsonNode required(ObjectNode obj, String field) {
        JsonNode n = obj.get(field);
        if (n == null || n.isNull()) {
            throw invalid(field, "is required");
        }
        return n;
    }

    private static String text(ObjectNode obj, String field) {
        JsonNode n = required(obj, field);
        if (!n.isTextual()) {
            throw invalid(field, "must be a string");
        }
        return n.textValue();
    }

    private static Optional<String> optionalText(ObjectNode obj, String field) {
        JsonNode n = obj.get(field);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            throw invalid(field, "must be a string");
        }
        return Optional.of(n.textValue());
    }

    private static BigInteger uint256(ObjectNode obj, String field) {
        JsonNode n = required(obj, field);
        BigInteger v;
        if (n.isTextual()) {
            v = number(n.textValue(), field);
        } else if (n.isIntegralNumber() && n.canConvertToLong() && Math.abs(n.asLong()) <= (1L << 53)) {
            v = BigInteger.valueOf(n.asLong());
        } else {
            throw invalid(field, "must be a decimal string (uint256)");
        }
        if (!Wei.fitsUint256(v)) {
            throw invalid(field, "out of uint256 range");
        }
        return v;
    }

    private static BigInteger number(String s, String field) {
        if (s.isEmpty() || s.length() > 80 || !s.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw invalid(field, "must be a decimal string of digits");
        }
        return new BigInteger(s);
    }

    private static String address(String s, String field) {
        return Address.tryParse(s).map(Address::toString)
                .orElseThrow(() -> invalid(field, "must be a 0x-prefixed 20-byte hex address"));
    }

    private static byte[] signature(String s) {
        if (s.length() != 132 || !s.startsWith("0x")) {
            throw invalid("signature", "must be 65 bytes r||s||v as 0x-prefixed hex (132 characters)");
        }
        try {
            return Hex.decode(s);
        } catch (IllegalArgumentException e) {
            throw invalid("signature", "must be 65 bytes r||s||v as 0x-prefixed hex (132 characters)");
        }
    }

    private static ApiException invalid(String field, String problem) {
        return ApiException.badRequest("invalid_field", field + ": " + problem);
    }
}
