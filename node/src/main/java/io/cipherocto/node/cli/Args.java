package io.cipherocto.node.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code --name value} and {@code --flag} options of one command, and (where allowed) its positional arguments. */
final class Args {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final List<String> positionals = new ArrayList<>();

    Args(String[] args, Set<String> knownFlags, Set<String> knownOptions) {
        this(args, knownFlags, knownOptions, false);
    }

    /** With {@code positional}, arguments not starting with "--" are kept, in order, as {@link #positionals()}. */
    Args(String[] args, Set<String> knownFlags, Set<String> knownOptions, boolean positional) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (positional && !a.startsWith("--")) {
                positionals.add(a);
            } else if (knownFlags.contains(a)) {
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

    List<String> positionals() {
        return List.copyOf(positionals);
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
