// CipherOcto gpu-verifier: fp32 C[M][N] = A[M][K] * B[K][N] with a FIXED reduction order.
// Semantics (must match io.cipherocto.gpuverifier.kernel.CpuKernels#matmulFp32 bit for bit): one thread per C[i][j];
//   acc = +0
//   for each block [k0, min(k0 + blockK, K)) in increasing k0:
//       p = +0; for k in the block, increasing: p = p + (A[i][k] * B[k][j]); acc = acc + p
//   C[i][j] = acc
// Every product and sum is a separately rounded IEEE binary32 round-to-nearest-even operation: __fmul_rn/__fadd_rn
// are never contracted into FMA by nvcc (and the PTX is also built with --fmad=false), and without -ftz subnormals
// are kept, as in Java. The shared-memory tiling only changes where operands are read from, never the order.
// Layouts: row-major. Launch: block (16, 16), grid (ceil(N/16), ceil(M/16)).
// Regenerate the PTX with gpu-verifier/tools/build-ptx.sh after any change (PtxInSyncTest checks it).

#define TILE 16

extern "C" __global__ void matmul_fp32_fixed(const float* __restrict__ A, const float* __restrict__ B,
                                             float* __restrict__ C, int M, int N, int K, int blockK)
{
    __shared__ float As[TILE][TILE];
    __shared__ float Bs[TILE][TILE];
    int row = blockIdx.y * TILE + threadIdx.y;
    int col = blockIdx.x * TILE + threadIdx.x;
    float acc = 0.0f;
    float part = 0.0f;
    int inBlock = 0;
    for (int t = 0; t < K; t += TILE) {
        int ka = t + threadIdx.x;
        int kb = t + threadIdx.y;
        As[threadIdx.y][threadIdx.x] = (row < M && ka < K) ? A[(size_t)row * K + ka] : 0.0f;
        Bs[threadIdx.y][threadIdx.x] = (kb < K && col < N) ? B[(size_t)kb * N + col] : 0.0f;
        __syncthreads();
        int kEnd = min(TILE, K - t);
        for (int kk = 0; kk < kEnd; ++kk) {
            part = __fadd_rn(part, __fmul_rn(As[threadIdx.y][kk], Bs[kk][threadIdx.x]));
            if (++inBlock == blockK) {
                acc = __fadd_rn(acc, part);
                part = 0.0f;
                inBlock = 0;
            }
        }
        __syncthreads();
    }
    if (inBlock > 0) {
        acc = __fadd_rn(acc, part);
    }
    if (row < M && col < N) {
        C[(size_t)row * N + col] = acc;
    }
}
