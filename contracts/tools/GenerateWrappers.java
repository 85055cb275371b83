import java.io.File;
import java.nio.file.Files;
import java.util.Arrays;
import org.web3j.codegen.SolidityFunctionWrapperGenerator;

/**
 * Generates web3j wrappers for every {@code <Name>.abi}/{@code <Name>.bin} pair in a directory with
 * {@link SolidityFunctionWrapperGenerator}. Run by Maven (exec-maven-plugin) as a single-file program:
 * {@code java -cp <codegen classpath> GenerateWrappers.java <solidityDir> <outputDir> <package>}.
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
            new SolidityFunctionWrapperGenerator(bin, abi, out, name, pkg, true, false, 20).generate();
            // The generator embeds the creation code as a literal; keep file timestamps for the up-to-date check.
            if (!java.exists() || Files.size(java.toPath()) == 0) {
                throw new IllegalStateException("wrapper not written for " + name);
            }
        }
        System.out.println("[contracts] web3j wrappers up to date in " + pkgDir);
    }
}
