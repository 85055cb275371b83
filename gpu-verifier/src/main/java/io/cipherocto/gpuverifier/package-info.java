/**
 * bit-exact re-execution kernels: CUDA through JCuda with an identical CPU path.
 *
 * <p>Design: ../shared/DESIGN.md. This module is assembled into the one runnable service by {@code node/}.
 */
package io.cipherocto.gpuverifier;
