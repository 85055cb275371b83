package io.cipherocto.gpuverifier.kernel;

import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;

import io.cipherocto.gpuverifier.input.InputGenerator;
import io.cipherocto.gpuverifier.input.MatmulInputs;
import io.cipherocto.gpuverifier.spec.InputSource;
import io.cipherocto.gpuverifier.spec.JobSpec;
import io.cipherocto.gpuverifier.spec.Keccak;
import io.cipherocto.gpuverifier.spec.MatmulParams;
import io.cipherocto.gpuverifier.spec.MlpParams;
import io.cipherocto.platform.kernel.Hex;
import java.util.Arrays;
import java.util.List;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasOperation;

/**
 * GPU-machine check (not a test; needs a CUDA driver able to load PTX ISA 9.0): (1) bit identity of the CUDA backend
 * with the CPU path on the frozen vectors and larger shapes, (2) GOP/s of the fixed-order matmul kernel against
 * cuBLAS sgemm on the same data (kernel only, inputs resident on the device), and whether cuBLAS happens to give the
 * same bits. Exit status 0 only when every bit-identity check passes. See docs/verifier.md for the command.
 */
public final class GpuCheck {
    private GpuCheck() {
    }

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 2048;
        CudaProbe.Result probe = CudaProbe.result();
        if (!probe.available()) {
            System.err.println("no CUDA: " + probe.unavailableReason().orElseThrow());
            System.exit(2);
        }
        boolean ok = true;
        try (CudaBackend cuda = CudaBackend.open(0)) {
            System.out.println("device: " + cuda.deviceName());
            JobExecutor cpu = new JobExecutor(new CpuBackend());
            for (FixedVectors.Vector v : FixedVectors.load()) {
                JobExecutor gpu = new JobExecutor(cuda, h -> v.input().filter(b -> Arrays.equals(Keccak.hash(b), h)));
                boolean same = Arrays.equals(gpu.execute(JobSpec.decode(v.spec())).outputHash(), v.outputHash());
                ok &= same;
                System.out.printf("vector %-26s %s%n", v.name(), same ? "identical" : "DIFFERENT");
            }
            byte[] seed = Keccak.hash("gpu-check".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (JobSpec s : List.of(
                    JobSpec.of(new MatmulParams(1000, 999, 1001, 32), new InputSource.Seeded(seed)),
                    JobSpec.of(new MatmulParams(size / 4, size / 4, size, 1), new InputSource.Seeded(seed)),
                    JobSpec.of(new MlpParams(512, new int[] {2048, 2048, 1024, 64}, new int[] {1 << 20, 1 << 20, 1 << 20},
                            new int[] {34, 33, 33}), new InputSource.Seeded(seed)))) {
                byte[] g = new JobExecutor(cuda).execute(s).outputHash();
                byte[] c = cpu.execute(s).outputHash();
                boolean same = Arrays.equals(g, c);
                ok &= same;
                System.out.printf("%s: cuda %s cpu %s %s%n", s.params(), Hex.encode(g), Hex.encode(c),
                        same ? "identical" : "DIFFERENT");
            }
            MatmulParams p = new MatmulParams(size, size, size, 32);
            MatmulInputs in = InputGenerator.matmul(p, seed);
            double ours = cuda.matmulKernelSeconds(p, in, 10);
            System.out.printf("matmul %dx%dx%d fixed-order kernel: %.1f GOP/s%n", size, size, size, 2e-9 * p.macs() / ours);
            cublas(p, in, cuda);
        }
        System.out.println(ok ? "BIT-IDENTICAL" : "MISMATCH");
        System.exit(ok ? 0 : 1);
    }

    private static void cublas(MatmulParams p, MatmulInputs in, CudaBackend cuda) {
        JCublas2.setExceptionsEnabled(true);
        cublasHandle handle = new cublasHandle();
        JCublas2.cublasCreate(handle);
        CUdeviceptr a = new CUdeviceptr();
        CUdeviceptr b = new CUdeviceptr();
        CUdeviceptr c = new CUdeviceptr();
        try {
            cuMemAlloc(a, (long) Sizeof.FLOAT * in.a().length);
            cuMemAlloc(b, (long) Sizeof.FLOAT * in.b().length);
            cuMemAlloc(c, (long) Sizeof.FLOAT * p.m() * p.n());
            cuMemcpyHtoD(a, Pointer.to(in.a()), (long) Sizeof.FLOAT * in.a().length);
            cuMemcpyHtoD(b, Pointer.to(in.b()), (long) Sizeof.FLOAT * in.b().length);
            Pointer one = Pointer.to(new float[] {1f});
            Pointer zero = Pointer.to(new float[] {0f});
            int reps = 10;
            long start = 0;
            for (int r = 0; r <= reps; r++) {
                if (r == 1) {
                    cuCtxSynchronize();
                    start = System.nanoTime();
                }
                // Row-major C = A B is column-major C^T = B^T A^T.
                JCublas2.cublasSgemm(handle, cublasOperation.CUBLAS_OP_N, cublasOperation.CUBLAS_OP_N, p.n(), p.m(),
                        p.k(), one, b, p.n(), a, p.k(), zero, c, p.n());
            }
            cuCtxSynchronize();
            double secs = (System.nanoTime() - start) / 1e9 / reps;
            float[] out = new float[p.m() * p.n()];
            cuMemcpyDtoH(Pointer.to(out), c, (long) Sizeof.FLOAT * out.length);
            boolean same = Arrays.equals(OutputCodec.fp32(out), OutputCodec.fp32(cuda.matmulFp32(p, in)));
            System.out.printf("matmul %dx%dx%d cuBLAS sgemm: %.1f GOP/s (bits %s the fixed-order kernel)%n", p.m(),
                    p.n(), p.k(), 2e-9 * p.macs() / secs, same ? "equal to" : "differ from");
        } finally {
            cuMemFree(a);
            cuMemFree(b);
            cuMemFree(c);
            JCublas2.cublasDestroy(handle);
        }
    }
}
