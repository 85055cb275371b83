package io.cipherocto.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cipherocto.contracts.merkle.StandardMerkleTree;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/** {@code octo merkle build | proof | root} against the OpenZeppelin vector (root 0x63b0...). */
class MerkleCommandTest {
    private static final String OZ_ROOT = "0x63b0742ca18708e84faeeb2f14c1c4f00a2c463eddd508a3a8fd27078db88bd4";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return MerkleCommand.run(args, new PrintStream(out, true), new PrintStream(err, true));
    }

    private Path vectorCsv() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String address = Numeric.toHexString(Hash.sha3(Numeric.toBytesPadded(BigInteger.valueOf(i), 32))).substring(26);
            lines.add("0x" + address + "," + BigInteger.valueOf(i).multiply(BigInteger.TEN.pow(18)));
        }
        return Files.write(dir.resolve("values.csv"), lines);
    }

    @Test
    void build_writesAStandardV1DumpWithTheOpenZeppelinRoot() throws Exception {
        Path tree = dir.resolve("tree.json");
        assertThat(run("build", "--types", "address,uint256", "--in", vectorCsv().toString(), "--out", tree.toString())).isZero();
        assertThat(out.toString().trim()).isEqualTo(OZ_ROOT);
        assertThat(StandardMerkleTree.load(Files.readString(tree)).rootHex()).isEqualTo(OZ_ROOT);

        assertThat(run("root", "--tree", tree.toString())).isZero();
        assertThat(out.toString().trim()).isEqualTo(OZ_ROOT);

        assertThat(run("proof", "--tree", tree.toString(), "--index", "0")).isZero();
        List<?> proof = new ObjectMapper().readValue(out.toString(), List.class);
        assertThat(proof).hasSize(10).first().isEqualTo("0x61254d021b7ec95d9dcdc8d7eede60eb696c5a07ae8e30d0b75a394cf0bb7ef5");
    }

    @Test
    void build_namesTheBadLine() throws Exception {
        Path csv = Files.writeString(dir.resolve("bad.csv"), "0x" + "11".repeat(20) + ",1\n0x" + "22".repeat(20) + "\n");
        assertThat(run("build", "--types", "address,uint256", "--in", csv.toString(), "--out", dir.resolve("t.json").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("line 2");
    }

    @Test
    void wrongUsage_exitsWith2() {
        assertThat(run("build", "--types", "address")).isEqualTo(2);
        assertThat(err.toString()).contains("missing --in");
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(run("proof", "--tree", "x.json", "--index", "one")).isEqualTo(2);
    }

    @Test
    void proof_outOfRange_exitsWith1() throws Exception {
        Path tree = dir.resolve("tree.json");
        run("build", "--types", "address,uint256", "--in", vectorCsv().toString(), "--out", tree.toString());
        assertThat(run("proof", "--tree", tree.toString(), "--index", "1000")).isEqualTo(1);
        assertThat(err.toString()).contains("out of 0..999");
    }
}
