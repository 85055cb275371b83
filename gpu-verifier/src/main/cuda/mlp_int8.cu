// CipherOcto gpu-verifier: int8 quantized MLP, one fully connected layer per launch.
// Semantics (must match io.cipherocto.gpuverifier.kernel.CpuKernels bit for bit):
//   acc  = bias[j] + sum_k x[b][k] * W[j][k]   int32, wrapping modulo 2^32 (computed in uint32: no signed overflow UB)
//   prod = (int64) acc * mult                   exact (|prod| < 2^62)
//   q    = round half away from zero (prod / 2^shift); q = prod when shift = 0
//   q    = max(q, 0) when relu != 0
//   y    = clamp(q, -128, 127)
// Integer arithmetic is exact, so the result does not depend on the order of the k loop, the GPU or the compiler.
// Layouts: x [batch][in], W [out][in], bias [out], y [batch][out], all row-major.
// Regenerate the PTX with gpu-verifier/tools/build-ptx.sh after any change (PtxInSyncTest checks it).

extern "C" __global__ void mlp_int8_layer(const signed char* __restrict__ x, const signed char* __restrict__ w,
                                          const int* __restrict__ bias, signed char* __restrict__ y,
                                          int batch, int in, int out, int mult, int shift, int relu)
{
    long long idx = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    if (idx >= (long long)batch * out) {
        return;
    }
    int b = (int)(idx / out);
    int j = (int)(idx % out);
    const signed char* xr = x + (size_t)b * in;
    const signed char* wr = w + (size_t)j * in;
    unsigned int acc = 0u;
    for (int k = 0; k < in; ++k) {
        acc += (unsigned int)((int)xr[k] * (int)wr[k]);
    }
    acc += (unsigned int)bias[j];
    long long prod = (long long)(int)acc * (long long)mult;
    long long q;
    if (shift == 0) {
        q = prod;
    } else {
        unsigned long long mag = (unsigned long long)(prod < 0 ? -prod : prod);
        mag = (mag + (1ULL << (shift - 1))) >> shift;
        q = prod < 0 ? -(long long)mag : (long long)mag;
    }
    if (relu && q < 0) {
        q = 0;
    }
    if (q > 127) {
        q = 127;
    }
    if (q < -128) {
        q = -128;
    }
    y[idx] = (signed char)q;
}
