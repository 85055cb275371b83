package io.cipherocto.node.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cipherocto.contracts.merkle.StandardMerkleTree;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code octo merkle build | proof | root}: OpenZeppelin StandardMerkleTree files from the command line.
 * Exit codes: 0 done, 1 bad data (the message names the line), 2 wrong usage.
 */
public final class MerkleCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MerkleCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("usage: octo merkle build|proof|root ...");
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "build" -> build(new Args(rest, Set.of(), Set.of("--types", "--in", "--out")), out);
                case "proof" -> proof(new Args(rest, Set.of(), Set.of("--tree", "--index")), out);
                case "root" -> root(new Args(rest, Set.of(), Set.of("--tree")), out);
                default -> throw new Args.UsageException("unknown merkle command '" + args[0] + "'");
            };
        } catch (Args.UsageException e) {
            err.println("octo merkle: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException | IndexOutOfBoundsException | IOException e) {
            err.println("octo merkle: " + e.getMessage());
            return 1;
        }
    }

    private static int build(Args a, PrintStream out) throws IOException {
        List<String> types = Arrays.stream(a.required("--types").split(",")).map(String::trim).toList();
        Path in = Path.of(a.required("--in"));
        Path target = Path.of(a.required("--out"));
        List<List<?>> values = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(in)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = Arrays.stream(line.split(",", -1)).map(String::trim).toList();
            if (cells.size() != types.size()) {
                throw new IllegalArgumentException(in + " line " + lineNo + ": " + cells.size() + " values, --types has " + types.size());
            }
            values.add(cells);
        }
        StandardMerkleTree tree;
        try {
            tree = StandardMerkleTree.of(values, types);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(in + ": " + e.getMessage(), e);
        }
        Files.writeString(target, tree.dump());
        out.println(tree.rootHex());
        return 0;
    }

    private static int proof(Args a, PrintStream out) throws IOException {
        Path treeFile = Path.of(a.required("--tree"));
        int index;
        try {
            index = Integer.parseInt(a.required("--index"));
        } catch (NumberFormatException e) {
            throw new Args.UsageException("--index must be a number");
        }
        StandardMerkleTree tree = StandardMerkleTree.load(Files.readString(treeFile));
        out.println(JSON.writeValueAsString(tree.proofHex(index)));
        return 0;
    }

    private static int root(Args a, PrintStream out) throws IOException {
        StandardMerkleTree tree = StandardMerkleTree.load(Files.readString(Path.of(a.required("--tree"))));
        out.println(tree.rootHex());
        return 0;
    }
}
