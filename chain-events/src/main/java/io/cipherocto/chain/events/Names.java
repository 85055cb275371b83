package io.cipherocto.chain.events;

import java.util.Locale;

/** Identifier conventions: ABI names in camel case become snake-case SQL identifiers. */
public final class Names {
    private Names() {}

    /** "OctoToken" -> "octo_token", "proposalId" -> "proposal_id", "EIP712DomainChanged" -> "eip712_domain_changed". */
    public static String snake(String camel) {
        StringBuilder b = new StringBuilder(camel.length() + 8);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                boolean prevLower = i > 0 && (Character.isLowerCase(camel.charAt(i - 1)) || Character.isDigit(camel.charAt(i - 1)));
                boolean nextLower = i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1));
                boolean prevUpper = i > 0 && Character.isUpperCase(camel.charAt(i - 1));
                if (i > 0 && (prevLower || (prevUpper && nextLower))) {
                    b.append('_');
                }
                b.append(Character.toLowerCase(c));
            } else if (c == '_' && (b.isEmpty() || b.charAt(b.length() - 1) == '_')) {
                continue;
            } else {
                b.append(c);
            }
        }
        String s = b.toString();
        return s.startsWith("_") ? s.substring(1) : s.toLowerCase(Locale.ROOT);
    }
}
