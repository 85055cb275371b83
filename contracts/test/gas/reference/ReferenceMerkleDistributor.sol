// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// @title ReferenceMerkleDistributor
/// @notice Gas baseline only (never deployed): a cumulative Merkle distributor written the ordinary OpenZeppelin
/// way (Ownable root, MerkleProof.verify, claimed mapping, SafeERC20.safeTransfer, storage ReentrancyGuard), with the same
/// leaf as the RewardDistributor, so `claim` costs can be compared in the same scenario.
contract ReferenceMerkleDistributor is Ownable, ReentrancyGuard {
    using SafeERC20 for IERC20;

    error InvalidProof();
    error NothingToClaim();

    event Claimed(address indexed earner, address indexed token, uint256 amount, uint256 cumulativeAmount);

    bytes32 public merkleRoot;
    mapping(address earner => mapping(address token => uint256)) public claimed;

    constructor(address owner_) Ownable(owner_) {}

    /// @notice Sets the root claims are checked against.
    function setMerkleRoot(bytes32 root) external onlyOwner {
        merkleRoot = root;
    }

    /// @notice Pays `cumulativeAmount - claimed[earner][token]` of `token` to `earner`.
    function claim(address earner, address token, uint256 cumulativeAmount, bytes32[] memory proof)
        external
        nonReentrant
    {
        _claim(earner, token, cumulativeAmount, proof);
    }

    /// @notice `claim` for several tokens in one call.
    function claimMany(
        address earner,
        address[] calldata tokens,
        uint256[] calldata cumulativeAmounts,
        bytes32[][] calldata proofs
    ) external nonReentrant {
        for (uint256 i; i < tokens.length; ++i) {
            _claim(earner, tokens[i], cumulativeAmounts[i], proofs[i]);
        }
    }

    function _claim(address earner, address token, uint256 cumulativeAmount, bytes32[] memory proof) private {
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(earner, token, cumulativeAmount))));
        if (!MerkleProof.verify(proof, merkleRoot, leaf)) revert InvalidProof();
        uint256 already = claimed[earner][token];
        if (cumulativeAmount <= already) revert NothingToClaim();
        uint256 amount = cumulativeAmount - already;
        claimed[earner][token] = cumulativeAmount;
        IERC20(token).safeTransfer(earner, amount);
        emit Claimed(earner, token, amount, cumulativeAmount);
    }
}
