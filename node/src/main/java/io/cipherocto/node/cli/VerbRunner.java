package io.cipherocto.node.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;

/** Runs one transaction verb and turns its outcome into the exit code: 0 done, 1 refused or failed, 2 bad usage. */
final class VerbRunner {
    private VerbRunner() {
    }

    @FunctionalInterface
    interface Body {
        int run();
    }

    static int run(String verb, String usage, PrintStream err, Body body) {
        try {
            return body.run();
        } catch (Args.UsageException e) {
            err.println("octo " + verb + ": " + e.getMessage());
            err.println(usage);
            return 2;
        } catch (Refusal e) {
            err.println("octo " + verb + ": refused, nothing sent: " + e.getMessage());
            return 1;
        } catch (UncheckedIOException | IllegalStateException e) {
            err.println("octo " + verb + ": " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("octo " + verb + ": failed: " + e);
            return 1;
        }
    }
}
