// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAttestationRegistry} from "../../src/interfaces/IAttestationRegistry.sol";

/// @notice The subset of forge's cheatcodes (address 0x7109...D12D) the attestation tests use. forge-std is not
/// installed in this offline toolchain, so the declarations are local; signatures are forge's own.
interface AttVm {
    struct Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    function addr(uint256 privateKey) external pure returns (address);
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);
    function roll(uint256 newHeight) external;
    function warp(uint256 newTimestamp) external;
    function setBlockhash(uint256 blockNumber, bytes32 blockHash) external;
    function chainId(uint256 newChainId) external;
    function prank(address msgSender) external;
    function startPrank(address msgSender) external;
    function stopPrank() external;
    function expectRevert() external;
    function expectRevert(bytes4 revertData) external;
    function expectRevert(bytes calldata revertData) external;
    function expectEmit(bool checkTopic1, bool checkTopic2, bool checkTopic3, bool checkData, address emitter)
        external;
    function expectEmit(bool checkTopic1, bool checkTopic2, bool checkTopic3, bool checkData) external;
    function expectCall(address callee, bytes calldata data) external;
    function assume(bool condition) external pure;
    function label(address account, string calldata newLabel) external;
    function recordLogs() external;
    function getRecordedLogs() external returns (Log[] memory logs);

    function assertTrue(bool condition) external pure;
    function assertTrue(bool condition, string calldata error) external pure;
    function assertFalse(bool condition) external pure;
    function assertFalse(bool condition, string calldata error) external pure;
    function assertEq(bool left, bool right) external pure;
    function assertEq(bool left, bool right, string calldata error) external pure;
    function assertEq(uint256 left, uint256 right) external pure;
    function assertEq(uint256 left, uint256 right, string calldata error) external pure;
    function assertEq(address left, address right) external pure;
    function assertEq(bytes32 left, bytes32 right) external pure;
    function assertEq(bytes32 left, bytes32 right, string calldata error) external pure;
    function assertEq(string calldata left, string calldata right) external pure;
    function assertNotEq(bytes32 left, bytes32 right) external pure;
    function assertLe(uint256 left, uint256 right) external pure;
    function assertLe(uint256 left, uint256 right, string calldata error) external pure;
    function assertGe(uint256 left, uint256 right) external pure;
}

/// @notice Minimal test base: the cheatcode handle and forge-std style helpers (`bound`, `makeAddr`).
abstract contract AttTestBase {
    AttVm internal constant vm = AttVm(address(uint160(uint256(keccak256("hevm cheat code")))));

    /// @dev Maps `x` into [min, max] (inclusive), uniformly enough for fuzzing; identity when already inside.
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        if (x >= min && x <= max) return x;
        uint256 size = max - min;
        if (size == type(uint256).max) return x;
        return min + (x % (size + 1));
    }

    function makeAddr(string memory name) internal returns (address a) {
        a = vm.addr(uint256(keccak256(bytes(name))));
        vm.label(a, name);
    }
}

/// @notice Builds attestation digests independently of the registry (from the EIP-712 spec text) and signs them
/// with forge's `vm.sign`.
abstract contract AttestationSigner is AttTestBase {
    /// @dev secp256k1 group order; private keys live in [1, N - 1].
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    bytes32 internal constant EIP712_DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 internal constant ATTESTATION_TYPEHASH_SPEC = keccak256(
        "Attestation(uint64 epoch,bytes32 jobId,address provider,uint8 role,bytes32 specHash,"
        "bytes32 claimedOutputHash,bytes32 recomputedOutputHash,bool passed,bytes32 evidenceHash)"
    );

    function _domainSeparator(uint256 chainId_, address verifyingContract) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(
                EIP712_DOMAIN_TYPEHASH,
                keccak256("CipherOcto AttestationRegistry"),
                keccak256("1"),
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
                a.evidenceHash
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
