// Host emulation of the gpu-verifier CUDA kernels: compiles the unmodified .cu sources with g++ against a tiny
// shim (one OS thread per CUDA thread, std::barrier for __syncthreads, blocks run one after another) so that the
// kernels' indexing, tiling and reduction order can be checked against the Java CPU path on a machine without a GPU
// (CudaSourceEmulationTest). It does not check nvcc's code generation: PtxInSyncTest checks the PTX for separately
// rounded mul/add and no FTZ, and CudaBitIdentityTest checks real GPUs.
//
// Build: g++ -std=c++20 -O1 -ffp-contract=off -pthread -o emulate emulate.cpp
// Usage: emulate matmul M N K blockK            < canonical input bytes  > C as binary32 LE
//        emulate mlp batch L d0..dL m0 s0 ...   < canonical input bytes  > int8 output
#include <algorithm>
#include <barrier>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <thread>
#include <vector>

struct dim3 {
    unsigned x = 1, y = 1, z = 1;
};
thread_local dim3 threadIdx;
static dim3 blockIdx, blockDim, gridDim;
static std::barrier<>* g_barrier = nullptr;

#define __global__
#define __shared__ static
inline void __syncthreads() { g_barrier->arrive_and_wait(); }
// Separately rounded binary32 operations (volatile keeps the compiler from fusing or widening).
inline float __fmul_rn(float a, float b) { volatile float r = a * b; return r; }
inline float __fadd_rn(float a, float b) { volatile float r = a + b; return r; }
using std::min;

#include "../../main/cuda/mlp_int8.cu"
#include "../../main/cuda/matmul_fp32.cu"

static void launch(dim3 grid, dim3 block, const std::function<void()>& kernel) {
    gridDim = grid;
    blockDim = block;
    int n = block.x * block.y * block.z;
    for (unsigned bz = 0; bz < grid.z; ++bz)
        for (unsigned by = 0; by < grid.y; ++by)
            for (unsigned bx = 0; bx < grid.x; ++bx) {
                blockIdx = {bx, by, bz};
                std::barrier<> bar(n);
                g_barrier = &bar;
                std::vector<std::thread> threads;
                threads.reserve(n);
                for (unsigned tz = 0; tz < block.z; ++tz)
                    for (unsigned ty = 0; ty < block.y; ++ty)
                        for (unsigned tx = 0; tx < block.x; ++tx)
                            threads.emplace_back([&kernel, tx, ty, tz] {
                                threadIdx = {tx, ty, tz};
                                kernel();
                            });
                for (auto& t : threads) t.join();
            }
}

static std::vector<unsigned char> readAll() {
    std::vector<unsigned char> in;
    unsigned char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) in.insert(in.end(), buf, buf + n);
    return in;
}

int main(int argc, char** argv) {
    if (argc < 2) return 2;
    std::vector<unsigned char> in = readAll();
    if (!strcmp(argv[1], "matmul") && argc == 6) {
        int M = atoi(argv[2]), N = atoi(argv[3]), K = atoi(argv[4]), blockK = atoi(argv[5]);
        if (in.size() != 4u * ((size_t)M * K + (size_t)K * N)) return 3;
        const float* A = reinterpret_cast<const float*>(in.data());  // x86: little-endian, as the canonical bytes
        const float* B = A + (size_t)M * K;
        std::vector<float> C((size_t)M * N);
        launch({(unsigned)(N + 15) / 16, (unsigned)(M + 15) / 16, 1}, {16, 16, 1},
               [&] { matmul_fp32_fixed(A, B, C.data(), M, N, K, blockK); });
        fwrite(C.data(), 4, C.size(), stdout);
        return 0;
    }
    if (!strcmp(argv[1], "mlp") && argc >= 4) {
        int batch = atoi(argv[2]), L = atoi(argv[3]);
        if (argc != 4 + (L + 1) + 2 * L) return 2;
        std::vector<int> dims(L + 1), mult(L), shift(L);
        for (int i = 0; i <= L; ++i) dims[i] = atoi(argv[4 + i]);
        for (int l = 0; l < L; ++l) {
            mult[l] = atoi(argv[5 + L + 2 * l]);
            shift[l] = atoi(argv[6 + L + 2 * l]);
        }
        size_t off = 0;
        std::vector<signed char> act(in.begin(), in.begin() + (size_t)batch * dims[0]);
        off += act.size();
        for (int l = 0; l < L; ++l) {
            const signed char* W = reinterpret_cast<const signed char*>(in.data() + off);
            off += (size_t)dims[l] * dims[l + 1];
            const int* bias = reinterpret_cast<const int*>(in.data() + off);
            off += 4u * dims[l + 1];
            std::vector<signed char> y((size_t)batch * dims[l + 1]);
            long long total = (long long)batch * dims[l + 1];
            int relu = l < L - 1 ? 1 : 0;
            launch({(unsigned)((total + 255) / 256), 1, 1}, {256, 1, 1},
                   [&] { mlp_int8_layer(act.data(), W, bias, y.data(), batch, dims[l], dims[l + 1], mult[l], shift[l], relu); });
            act = y;
        }
        if (off != in.size()) return 3;
        fwrite(act.data(), 1, act.size(), stdout);
        return 0;
    }
    return 2;
}
