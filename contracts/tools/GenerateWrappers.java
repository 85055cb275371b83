import java.io.File;
import java.nio.file.Files;
import java.util.Arrays;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.web3j.codegen.SolidityFunctionWrapperGenerator;

/**
 * Generates web3j wrappers for every {@code <Name>.abi}/{@code <Name>.bin} pair in a directory with
 * {@link SolidityFunctionWrapperGenerator}. Run by Maven (exec-maven-plugin) as a single-file program:
 * {@code java -cp <codegen classpath> GenerateWrappers.java <solidityDir> <outputDir> <package>}.
 *
 * <p>Functions with a nested-array parameter or result ({@code bytes32[][]}, e.g. RewardDistributor.claimMany) are
 * left out of the wrapper: web3j 5.0.2's generator fails on them (ClassCastException in createMappedParameterTypes).
 * Java callers encode such calls with {@code FunctionEncoder}; the full ABI stays in the resources.
 */
public class GenerateWrappers {
    public static void main(String[] args) throws Exception {
        File in = new File(args[0]);
        File out = new File(args[1]);
        String pkg = args[2];
        File[] abis = in.listFiles((d, n) -> n.endsWith(".abi"));
        if (abis == null || abis.length == 0) {
            throw new IllegalStateException("no .abi files in " + in);
        }
        Arrays.sort(abis);
        File pkgDir = new File(out, pkg.replace('.', '/'));
        for (File abi : abis) {
            String name = abi.getName().substring(0, abi.getName().length() - 4);
            File bin = new File(in, name + ".bin");
            File java = new File(pkgDir, name + ".java");
            if (java.exists() && java.lastModified() >= Math.max(abi.lastModified(), bin.lastModified())) {
                continue;
            }
            new SolidityFunctionWrapperGenerator(bin, withoutNestedArrays(abi), out, name, pkg, true, false, 20).generate();
            // The generator embeds the creation code as a literal; keep file timestamps for the up-to-date check.
            if (!java.exists() || Files.size(java.toPath()) == 0) {
                throw new IllegalStateException("wrapper not written for " + name);
            }
        }
        System.out.println("[contracts] web3j wrappers up to date in " + pkgDir);
    }

    /** The ABI without functions that have a nested-array input or output (a temporary copy when any is dropped). */
    static File withoutNestedArrays(File abi) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ArrayNode entries = (ArrayNode) json.readTree(abi);
        ArrayNode kept = json.createArrayNode();
        for (JsonNode e : entries) {
            if (e.path("type").asText().equals("function") && (nested(e.path("inputs")) || nested(e.path("outputs")))) {
                System.out.println("[contracts] " + abi.getName() + ": " + e.path("name").asText()
                        + " has a nested array; not in the web3j wrapper");
                continue;
            }
            kept.add(e);
        }
        if (kept.size() == entries.size()) {
            return abi;
        }
        File tmp = File.createTempFile(abi.getName(), ".abi");
        tmp.deleteOnExit();
        json.writeValue(tmp, kept);
        return tmp;
    }

    private static boolean nested(JsonNode params) {
        for (JsonNode p : params) {
            if (p.path("type").asText().contains("][") || nested(p.path("components"))) {
                return true;
            }
        }
        return false;
    }
}
