package io.cipherocto.gpuverifier.kernel;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRelease;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;

import io.cipherocto.gpuverifier.input.MatmulInputs;
import io.cipherocto.gpuverifier.input.MlpInputs;
import io.cipherocto.gpuverifier.spec.MatmulParams;
import io.cipherocto.gpuverifier.spec.MlpParams;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;

/**
 * The CUDA backend: the committed PTX ({@link Ptx}) loaded through the JCuda driver API on one device, in its own
 * context. Calls are serialized (one context, synchronous copies). Create it only after {@link CudaProbe} reported
 * a device; {@link BackendSelector} does both.
 */
public final class CudaBackend implements KernelBackend {
    private static final int MLP_THREADS = 256;
    private static final int TILE = 16;

    private final CUdevice device;
    private final CUcontext context;
    private final CUfunction mlpLayer;
    private final CUfunction matmul;
    private final String deviceName;
    private boolean closed;

    private CudaBackend(CUdevice device, CUcontext context, CUfunction mlpLayer, CUfunction matmul, String deviceName) {
        this.device = device;
        this.context = context;
        this.mlpLayer = mlpLayer;
        this.matmul = matmul;
        this.deviceName = deviceName;
    }

    /**
     * Opens device {@code ordinal}: retains its primary context (shared with the CUDA runtime, so cuBLAS can run next
     * to it) and loads both modules.
     *
     * @throws jcuda.CudaException when the driver refuses (e.g. a driver too old for the PTX ISA version)
     */
    public static CudaBackend open(int ordinal) {
        if (ordinal < 0) {
            throw new IllegalArgumentException("device ordinal must be >= 0, got " + ordinal);
        }
        CUdevice device = new CUdevice();
        cuDeviceGet(device, ordinal);
        byte[] name = new byte[256];
        cuDeviceGetName(name, name.length, device);
        CUcontext ctx = new CUcontext();
        cuDevicePrimaryCtxRetain(ctx, device);
        cuCtxSetCurrent(ctx);
        try {
            CUmodule mlpModule = new CUmodule();
            cuModuleLoadData(mlpModule, Ptx.loadNulTerminated(Ptx.MLP_INT8));
            CUfunction mlp = new CUfunction();
            cuModuleGetFunction(mlp, mlpModule, "mlp_int8_layer");
            CUmodule mmModule = new CUmodule();
            cuModuleLoadData(mmModule, Ptx.loadNulTerminated(Ptx.MATMUL_FP32));
            CUfunction mm = new CUfunction();
            cuModuleGetFunction(mm, mmModule, "matmul_fp32_fixed");
            return new CudaBackend(device, ctx, mlp, mm, cString(name));
        } catch (RuntimeException e) {
            cuDevicePrimaryCtxRelease(device);
            throw e;
        }
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.US_ASCII);
    }

    public String deviceName() {
        return deviceName;
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public synchronized byte[] mlpInt8(MlpParams p, MlpInputs in) {
        Objects.requireNonNull(p, "params");
        Objects.requireNonNull(in, "inputs").checkShape(p);
        ensureOpen();
        cuCtxSetCurrent(context);
        List<CUdeviceptr> allocated = new ArrayList<>();
        try {
            CUdeviceptr act = upload(allocated, Pointer.to(in.x()), in.x().length);
            for (int l = 0; l < p.layers(); l++) {
                int inDim = p.dim(l);
                int outDim = p.dim(l + 1);
                CUdeviceptr w = upload(allocated, Pointer.to(in.weights()[l]), in.weights()[l].length);
                CUdeviceptr bias = upload(allocated, Pointer.to(in.biases()[l]), (long) Sizeof.INT * outDim);
                CUdeviceptr y = alloc(allocated, (long) p.batch() * outDim);
                long total = (long) p.batch() * outDim;
                int blocks = (int) ((total + MLP_THREADS - 1) / MLP_THREADS);
                Pointer params = Pointer.to(Pointer.to(act), Pointer.to(w), Pointer.to(bias), Pointer.to(y),
                        Pointer.to(new int[] {p.batch()}), Pointer.to(new int[] {inDim}),
                        Pointer.to(new int[] {outDim}), Pointer.to(new int[] {p.multiplier(l)}),
                        Pointer.to(new int[] {p.shift(l)}), Pointer.to(new int[] {l < p.layers() - 1 ? 1 : 0}));
                cuLaunchKernel(mlpLayer, blocks, 1, 1, MLP_THREADS, 1, 1, 0, null, params, null);
                act = y;
            }
            cuCtxSynchronize();
            byte[] out = new byte[p.batch() * p.dim(p.layers())];
            cuMemcpyDtoH(Pointer.to(out), act, out.length);
            return out;
        } finally {
            allocated.forEach(d -> cuMemFree(d));
        }
    }

    @Override
    public synchronized float[] matmulFp32(MatmulParams p, MatmulInputs in) {
        Objects.requireNonNull(p, "params");
        Objects.requireNonNull(in, "inputs").checkShape(p);
        ensureOpen();
        cuCtxSetCurrent(context);
        List<CUdeviceptr> allocated = new ArrayList<>();
        try {
            CUdeviceptr a = upload(allocated, Pointer.to(in.a()), (long) Sizeof.FLOAT * in.a().length);
            CUdeviceptr b = upload(allocated, Pointer.to(in.b()), (long) Sizeof.FLOAT * in.b().length);
            float[] out = new float[p.m() * p.n()];
            CUdeviceptr c = alloc(allocated, (long) Sizeof.FLOAT * out.length);
            Pointer params = Pointer.to(Pointer.to(a), Pointer.to(b), Pointer.to(c), Pointer.to(new int[] {p.m()}),
                    Pointer.to(new int[] {p.n()}), Pointer.to(new int[] {p.k()}), Pointer.to(new int[] {p.blockK()}));
            cuLaunchKernel(matmul, (p.n() + TILE - 1) / TILE, (p.m() + TILE - 1) / TILE, 1, TILE, TILE, 1, 0, null,
                    params, null);
            cuCtxSynchronize();
            cuMemcpyDtoH(Pointer.to(out), c, (long) Sizeof.FLOAT * out.length);
            return out;
        } finally {
            allocated.forEach(d -> cuMemFree(d));
        }
    }

    /**
     * Mean seconds of one matmul kernel launch with inputs already on the device (no transfers), over {@code reps}
     * launches after one warm-up launch. For benchmarks only.
     */
    public synchronized double matmulKernelSeconds(MatmulParams p, MatmulInputs in, int reps) {
        Objects.requireNonNull(p, "params");
        Objects.requireNonNull(in, "inputs").checkShape(p);
        if (reps < 1) {
            throw new IllegalArgumentException("reps must be >= 1");
        }
        ensureOpen();
        cuCtxSetCurrent(context);
        List<CUdeviceptr> allocated = new ArrayList<>();
        try {
            CUdeviceptr a = upload(allocated, Pointer.to(in.a()), (long) Sizeof.FLOAT * in.a().length);
            CUdeviceptr b = upload(allocated, Pointer.to(in.b()), (long) Sizeof.FLOAT * in.b().length);
            CUdeviceptr c = alloc(allocated, (long) Sizeof.FLOAT * p.m() * p.n());
            Pointer params = Pointer.to(Pointer.to(a), Pointer.to(b), Pointer.to(c), Pointer.to(new int[] {p.m()}),
                    Pointer.to(new int[] {p.n()}), Pointer.to(new int[] {p.k()}), Pointer.to(new int[] {p.blockK()}));
            long start = 0;
            for (int r = 0; r <= reps; r++) {
                if (r == 1) {
                    cuCtxSynchronize();
                    start = System.nanoTime();
                }
                cuLaunchKernel(matmul, (p.n() + TILE - 1) / TILE, (p.m() + TILE - 1) / TILE, 1, TILE, TILE, 1, 0,
                        null, params, null);
            }
            cuCtxSynchronize();
            return (System.nanoTime() - start) / 1e9 / reps;
        } finally {
            allocated.forEach(d -> cuMemFree(d));
        }
    }

    private static CUdeviceptr alloc(List<CUdeviceptr> allocated, long bytes) {
        CUdeviceptr d = new CUdeviceptr();
        cuMemAlloc(d, Math.max(1, bytes));
        allocated.add(d);
        return d;
    }

    private static CUdeviceptr upload(List<CUdeviceptr> allocated, Pointer host, long bytes) {
        CUdeviceptr d = alloc(allocated, bytes);
        cuMemcpyHtoD(d, host, bytes);
        return d;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("CUDA backend is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            cuDevicePrimaryCtxRelease(device);
        }
    }
}
