package io.cipherocto.node.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code --name value} and {@code --flag} options of one command. */
final class Args {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    Args(String[] args, Set<String> knownFlags, Set<String> knownOptions) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (knownFlags.contains(a)) {
                flags.add(a);
            } else if (knownOptions.contains(a)) {
                if (i + 1 >= args.length) {
                    throw new UsageException(a + " needs a value");
                }
                values.put(a, args[++i]);
            } else {
                throw new UsageException("unknown option '" + a + "'");
            }
        }
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    String required(String name) {
        return value(name).orElseThrow(() -> new UsageException("missing " + name));
    }

    /** Wrong command-line usage: exit code 2 with the message. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
