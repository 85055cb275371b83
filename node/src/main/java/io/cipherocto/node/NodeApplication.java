package io.cipherocto.node;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;

/** The running service: waits until shutdown (Ctrl-C, SIGTERM). */
public final class NodeApplication implements QuarkusApplication {
    /** Boots Quarkus with this application and returns its exit code once it stops. */
    public static int launch(String... args) {
        int[] exit = {0};
        Quarkus.run(NodeApplication.class, (code, failure) -> {
            exit[0] = code;
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                System.err.println(t == failure ? "octo: " + t.getMessage() : "  caused by: " + t);
            }
        }, args);
        return exit[0];
    }

    @Override
    public int run(String... args) {
        Quarkus.waitForExit();
        return 0;
    }
}
