package io.cipherocto.gpuverifier.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cipherocto.gpuverifier.input.InputCodec;
import io.cipherocto.gpuverifier.input.MatmulInputs;
import io.cipherocto.gpuverifier.spec.InputSource;
import io.cipherocto.gpuverifier.spec.JobSpec;
import io.cipherocto.gpuverifier.spec.Keccak;
import io.cipherocto.gpuverifier.spec.MatmulParams;
import io.cipherocto.gpuverifier.spec.MlpParams;
import io.cipherocto.platform.kernel.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The frozen vectors in src/test/resources/vectors/vectors.json. {@link #main} (re)generates the file with the CPU
 * path; it was run once and the file committed: a change of any expected hash is a consensus change.
 */
final class FixedVectors {
    static final String RESOURCE = "vectors/vectors.json";

    /** One vector: the canonical spec, its hashes, and the input bytes for content-hash specs. */
    record Vector(String name, byte[] spec, byte[] specHash, byte[] outputHash, Optional<byte[]> input) {
    }

    private FixedVectors() {
    }

    static byte[] seed(String label) {
        return Keccak.hash(label.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The specs frozen in the file (seeded ones; the content-hash one carries its input bytes). */
    static Map<String, JobSpec> specs(Map<String, byte[]> inputs) {
        Map<String, JobSpec> specs = new LinkedHashMap<>();
        specs.put("mlp_int8_small", JobSpec.of(
                new MlpParams(2, new int[] {8, 4, 3}, new int[] {1 << 20, 1 << 20}, new int[] {29, 27}),
                new InputSource.Seeded(seed("mlp_int8_small"))));
        specs.put("mlp_int8_medium", JobSpec.of(
                new MlpParams(16, new int[] {256, 128, 64, 10}, new int[] {1 << 20, 1 << 20, 1 << 20},
                        new int[] {32, 29, 28}),
                new InputSource.Seeded(seed("mlp_int8_medium"))));
        specs.put("matmul_fp32_small", JobSpec.of(new MatmulParams(4, 5, 7, 3),
                new InputSource.Seeded(seed("matmul_fp32_small"))));
        specs.put("matmul_fp32_medium", JobSpec.of(new MatmulParams(64, 48, 200, 32),
                new InputSource.Seeded(seed("matmul_fp32_medium"))));
        specs.put("matmul_fp32_blockK1", JobSpec.of(new MatmulParams(16, 16, 300, 1),
                new InputSource.Seeded(seed("matmul_fp32_medium"))));
        MatmulParams p = new MatmulParams(2, 2, 3, 2);
        byte[] in = InputCodec.encode(p, new MatmulInputs(new float[] {1.5f, -2f, 0.25f, 3f, 0x1p-149f, -0f},
                new float[] {0.1f, 1e30f, -7f, 2f, 1e-3f, 0x1p24f}));
        inputs.put("matmul_fp32_content_hash", in);
        specs.put("matmul_fp32_content_hash", JobSpec.of(p, new InputSource.ContentHash(Keccak.hash(in))));
        return specs;
    }

    static List<Vector> load() throws IOException {
        try (InputStream in = FixedVectors.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<Vector> out = new ArrayList<>();
            for (JsonNode v : root.get("vectors")) {
                out.add(new Vector(v.get("name").asText(), Hex.decode(v.get("spec").asText()),
                        Hex.decode(v.get("specHash").asText()), Hex.decode(v.get("outputHash").asText()),
                        Optional.ofNullable(v.get("input")).map(n -> Hex.decode(n.asText()))));
            }
            return out;
        }
    }

    /** Writes the vectors file: {@code java ... FixedVectors gpu-verifier/src/test/resources/vectors/vectors.json}. */
    public static void main(String[] args) throws IOException {
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        Map<String, JobSpec> specs = specs(inputs);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("about", "gpu-verifier fixed vectors, spec version 1, produced once by the CPU path and frozen. "
                + "spec = canonical spec bytes, outputHash = keccak256(canonical output bytes); see docs/verifier.md.");
        ArrayNode arr = root.putArray("vectors");
        JobExecutor exec = new JobExecutor(new CpuBackend(), h -> inputs.values().stream()
                .filter(b -> java.util.Arrays.equals(Keccak.hash(b), h)).findFirst());
        for (Map.Entry<String, JobSpec> e : specs.entrySet()) {
            Execution r = exec.execute(e.getValue());
            ObjectNode v = arr.addObject();
            v.put("name", e.getKey());
            v.put("spec", Hex.encode(e.getValue().encode()));
            v.put("specHash", Hex.encode(e.getValue().specHash()));
            v.put("outputHash", Hex.encode(r.outputHash()));
            if (inputs.containsKey(e.getKey())) {
                v.put("input", Hex.encode(inputs.get(e.getKey())));
            }
            v.put("outputPrefix", Hex.encode(java.util.Arrays.copyOf(r.output(), Math.min(16, r.output().length))));
        }
        Path out = Path.of(args.length > 0 ? args[0] : "src/test/resources/" + RESOURCE);
        Files.createDirectories(out.getParent());
        Files.writeString(out, json.writeValueAsString(root) + "\n");
        System.out.println("wrote " + out.toAbsolutePath());
    }
}
