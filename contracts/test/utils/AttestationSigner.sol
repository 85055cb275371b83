// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAttestationRegistry} from "../../src/interfaces/IAttestationRegistry.sol";
import {Test} from "./Test.sol";

/// @notice Builds attestation digests independently of the registry (from the EIP-712 spec text) and signs them
/// with forge's `vm.sign`.
abstract contract AttestationSigner is Test {
    /// @dev secp256k1 group order; private keys live in [1, N - 1].
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    bytes32 internal constant EIP712_DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 internal constant ATTESTATION_TYPEHASH_SPEC = keccak256(
        "Attestation(uint64 epoch,bytes32 jobId,address provider,uint8 role,bytes32 specHash,"
        "bytes32 claimedOutputHash,bytes32 recomputedOutputHash,bool passed,bytes32 evidenceHash,address finder)"
    );

    function _domainSeparator(uint256 chainId_, address verifyingContract) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(
                EIP712_DOMAIN_TYPEHASH,
                keccak256("CipherOcto AttestationRegistry"),
                keccak256("2"),
                chainId_,
                verifyingContract
            )
        );
    }

    function _structHash(IAttestationRegistry.Attestation memory a) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(
                ATTESTATION_TYPEHASH_SPEC,
                a.epoch,
                a.jobId,
                a.provider,
                a.role,
                a.specHash,
                a.claimedOutputHash,
                a.recomputedOutputHash,
                a.passed,
                a.evidenceHash,
                a.finder
            )
        );
    }

    /// @dev The EIP-712 digest of `a` under the registry domain at (`chainId_`, `verifyingContract`).
    function _digest(IAttestationRegistry.Attestation memory a, uint256 chainId_, address verifyingContract)
        internal
        pure
        returns (bytes32)
    {
        return keccak256(abi.encodePacked(hex"1901", _domainSeparator(chainId_, verifyingContract), _structHash(a)));
    }

    /// @dev 65-byte r || s || v signature, the layout OpenZeppelin's ECDSA expects.
    function _sign(uint256 privateKey, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(privateKey, digest);
        return abi.encodePacked(r, s, v);
    }

    /// @dev Signs `digest` with every key and returns the signatures ordered by ascending signer address.
    function _signSorted(uint256[] memory privateKeys, bytes32 digest) internal pure returns (bytes[] memory sigs) {
        uint256[] memory keys = _sortKeysByAddress(privateKeys);
        sigs = new bytes[](keys.length);
        for (uint256 i = 0; i < keys.length; ++i) {
            sigs[i] = _sign(keys[i], digest);
        }
    }

    /// @dev A copy of `privateKeys` ordered by ascending address (insertion sort: the sets are small).
    function _sortKeysByAddress(uint256[] memory privateKeys) internal pure returns (uint256[] memory keys) {
        keys = new uint256[](privateKeys.length);
        address[] memory addrs = new address[](privateKeys.length);
        for (uint256 i = 0; i < privateKeys.length; ++i) {
            uint256 k = privateKeys[i];
            address a = vm.addr(k);
            uint256 j = i;
            while (j > 0 && addrs[j - 1] > a) {
                addrs[j] = addrs[j - 1];
                keys[j] = keys[j - 1];
                --j;
            }
            addrs[j] = a;
            keys[j] = k;
        }
    }

    /// @dev A valid private key derived from `seed`.
    function _key(uint256 seed) internal pure returns (uint256) {
        return (seed % (SECP256K1_N - 1)) + 1;
    }
}
