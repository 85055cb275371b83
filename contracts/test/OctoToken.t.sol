// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";

import {OctoToken} from "../src/OctoToken.sol";
import {IOctoToken} from "../src/interfaces/IOctoToken.sol";
import {Test} from "./utils/Test.sol";

contract OctoTokenTest is Test {
    uint256 internal constant CAP = 1_000_000e18;
    uint256 internal constant INITIAL = 400_000e18;
    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    OctoToken internal token;
    address internal admin = address(0xAD);
    address internal holder = address(0x401D);
    address internal minter = address(0x3173);
    address internal bob = address(0xB0B);

    function setUp() external {
        vm.warp(1_700_000_000);
        token = new OctoToken(admin, CAP, holder, INITIAL);
        bytes32 minterRole = token.MINTER_ROLE();
        vm.prank(admin);
        token.grantRole(minterRole, minter);
    }

    // ------------------------------------------------------------------ constructor

    function test_constructor_setsMetadataCapSupplyAndRoles() external view {
        assertEq(token.name(), "CipherOcto", "name");
        assertEq(token.symbol(), "OCTO", "symbol");
        assertEq(token.decimals(), 18, "decimals");
        assertEq(token.cap(), CAP, "cap");
        assertEq(token.totalSupply(), INITIAL, "supply");
        assertEq(token.balanceOf(holder), INITIAL, "holder");
        assertTrue(token.hasRole(token.DEFAULT_ADMIN_ROLE(), admin), "admin");
        assertFalse(token.hasRole(token.MINTER_ROLE(), admin), "admin is not a minter");
        assertEq(token.MINTER_ROLE(), keccak256("MINTER_ROLE"), "role id");
    }

    function test_constructor_allowsZeroInitialSupplyAndMaxCap() external {
        OctoToken t = new OctoToken(admin, type(uint208).max, address(0), 0);
        assertEq(t.totalSupply(), 0, "supply");
        assertEq(t.cap(), type(uint208).max, "cap");
    }

    function test_constructor_revertsWith_OctoTokenInvalidConfig_whenAdminZero() external {
        vm.expectRevert(IOctoToken.OctoTokenInvalidConfig.selector);
        new OctoToken(address(0), CAP, holder, 0);
    }

    function test_constructor_revertsWith_OctoTokenInvalidConfig_whenCapZero() external {
        vm.expectRevert(IOctoToken.OctoTokenInvalidConfig.selector);
        new OctoToken(admin, 0, holder, 0);
    }

    function test_constructor_revertsWith_OctoTokenInvalidConfig_whenCapOverVotesLimit() external {
        vm.expectRevert(IOctoToken.OctoTokenInvalidConfig.selector);
        new OctoToken(admin, uint256(type(uint208).max) + 1, holder, 0);
    }

    function test_constructor_revertsWith_OctoTokenCapExceeded_whenInitialSupplyOverCap() external {
        vm.expectRevert(abi.encodeWithSelector(IOctoToken.OctoTokenCapExceeded.selector, CAP + 1, CAP));
        new OctoToken(admin, CAP, holder, CAP + 1);
    }

    // ------------------------------------------------------------------ mint

    function test_mint_mintsToRecipient() external {
        vm.prank(minter);
        token.mint(bob, 5e18);
        assertEq(token.balanceOf(bob), 5e18, "bob");
        assertEq(token.totalSupply(), INITIAL + 5e18, "supply");
    }

    function test_mint_reachesCapExactly() external {
        vm.prank(minter);
        token.mint(bob, CAP - INITIAL);
        assertEq(token.totalSupply(), CAP, "at cap");
    }

    function test_mint_revertsWith_OctoTokenCapExceeded_whenOverCap() external {
        vm.prank(minter);
        vm.expectRevert(abi.encodeWithSelector(IOctoToken.OctoTokenCapExceeded.selector, CAP + 1, CAP));
        token.mint(bob, CAP - INITIAL + 1);
    }

    function test_mint_revertsWith_OctoTokenCapExceeded_whenSumOverflows() external {
        vm.prank(minter);
        vm.expectRevert(abi.encodeWithSelector(IOctoToken.OctoTokenCapExceeded.selector, type(uint256).max, CAP));
        token.mint(bob, type(uint256).max);
    }

    function test_mint_revertsWith_AccessControlUnauthorizedAccount_whenNotMinter() external {
        bytes32 minterRole = token.MINTER_ROLE();
        vm.prank(admin);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, admin, minterRole)
        );
        token.mint(bob, 1);
    }

    // ------------------------------------------------------------------ burn

    function test_burn_reducesSupplyAndFreesCap() external {
        vm.prank(holder);
        token.burn(100e18);
        assertEq(token.balanceOf(holder), INITIAL - 100e18, "holder");
        assertEq(token.totalSupply(), INITIAL - 100e18, "supply");
        vm.prank(minter);
        token.mint(bob, CAP - INITIAL + 100e18);
        assertEq(token.totalSupply(), CAP, "burned room re-minted up to cap");
    }

    function test_burn_revertsWith_ERC20InsufficientBalance_whenOverBalance() external {
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, bob, 0, 1));
        token.burn(1);
    }

    function test_burnFrom_spendsAllowance() external {
        vm.prank(holder);
        token.approve(bob, 10e18);
        vm.prank(bob);
        token.burnFrom(holder, 4e18);
        assertEq(token.allowance(holder, bob), 6e18, "allowance");
        assertEq(token.totalSupply(), INITIAL - 4e18, "supply");
    }

    function test_burnFrom_revertsWith_ERC20InsufficientAllowance_whenNotApproved() external {
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, bob, 0, 1));
        token.burnFrom(holder, 1);
    }

    // ------------------------------------------------------------------ votes (timestamp clock)

    function test_clock_isBlockTimestamp() external {
        assertEq(token.clock(), _now(), "clock");
        vm.warp(_now() + 1234);
        assertEq(token.clock(), _now(), "clock after warp");
        assertEq(token.CLOCK_MODE(), "mode=timestamp", "mode");
    }

    function test_delegate_checkpointsVotesByTimestamp() external {
        uint256 t0 = _now();
        vm.prank(holder);
        token.delegate(holder);
        vm.warp(t0 + 100);
        vm.prank(holder);
        assertTrue(token.transfer(bob, 150_000e18), "transfer");
        vm.warp(t0 + 200);
        assertEq(token.getVotes(holder), INITIAL - 150_000e18, "current");
        assertEq(token.getPastVotes(holder, t0 - 1), 0, "before delegation");
        assertEq(token.getPastVotes(holder, t0), INITIAL, "at delegation");
        assertEq(token.getPastVotes(holder, t0 + 99), INITIAL, "before transfer");
        assertEq(token.getPastVotes(holder, t0 + 100), INITIAL - 150_000e18, "after transfer");
        assertEq(token.getPastTotalSupply(t0 + 100), INITIAL, "past total supply");
        assertEq(token.getVotes(bob), 0, "undelegated");
    }

    function test_getPastVotes_revertsWith_ERC5805FutureLookup_whenNow() external {
        uint256 t = _now();
        // forge-lint: disable-next-line(unsafe-typecast)
        vm.expectRevert(abi.encodeWithSelector(Votes.ERC5805FutureLookup.selector, t, uint48(t)));
        token.getPastVotes(holder, t);
    }

    // ------------------------------------------------------------------ permit

    function _permitDigest(address owner, address spender, uint256 value, uint256 nonce, uint256 deadline)
        internal
        view
        returns (bytes32)
    {
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, nonce, deadline));
        return keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash));
    }

    function test_permit_setsAllowanceAndUsesNonce() external {
        uint256 pk = 0xA11CE;
        address owner = vm.addr(pk);
        uint256 deadline = _now() + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, _permitDigest(owner, bob, 7e18, 0, deadline));
        token.permit(owner, bob, 7e18, deadline, v, r, s);
        assertEq(token.allowance(owner, bob), 7e18, "allowance");
        assertEq(token.nonces(owner), 1, "nonce used");
    }

    function test_permit_revertsWith_ERC2612InvalidSigner_whenReplayed() external {
        uint256 pk = 0xA11CE;
        address owner = vm.addr(pk);
        uint256 deadline = _now() + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, _permitDigest(owner, bob, 7e18, 0, deadline));
        token.permit(owner, bob, 7e18, deadline, v, r, s);
        // The replay is checked against nonce 1, so the signature recovers to some other address.
        address recovered = ecrecover(_permitDigest(owner, bob, 7e18, 1, deadline), v, r, s);
        assertTrue(recovered != owner, "replay digest differs");
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, recovered, owner));
        token.permit(owner, bob, 7e18, deadline, v, r, s);
        assertEq(token.nonces(owner), 1, "nonce unchanged by the failed replay");
    }

    function test_permit_revertsWith_ERC2612ExpiredSignature_whenPastDeadline() external {
        uint256 pk = 0xA11CE;
        address owner = vm.addr(pk);
        uint256 deadline = _now() - 1;
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, _permitDigest(owner, bob, 7e18, 0, deadline));
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612ExpiredSignature.selector, deadline));
        token.permit(owner, bob, 7e18, deadline, v, r, s);
    }

    function test_supportsInterface_reportsAccessControl() external view {
        assertTrue(token.supportsInterface(type(IAccessControl).interfaceId), "IAccessControl");
    }

    // ------------------------------------------------------------------ fuzz

    function testFuzz_mint_neverExceedsCap(uint256 a, uint256 b) external {
        a = bound(a, 0, CAP);
        b = bound(b, 0, CAP);
        vm.startPrank(minter);
        bool okA = INITIAL + a <= CAP;
        if (!okA) vm.expectRevert(abi.encodeWithSelector(IOctoToken.OctoTokenCapExceeded.selector, INITIAL + a, CAP));
        token.mint(bob, a);
        uint256 supply = token.totalSupply();
        if (supply + b > CAP) {
            vm.expectRevert(abi.encodeWithSelector(IOctoToken.OctoTokenCapExceeded.selector, supply + b, CAP));
        }
        token.mint(bob, b);
        vm.stopPrank();
        assertLe(token.totalSupply(), CAP, "cap holds");
    }

    function testFuzz_transfer_movesDelegatedVotes(uint256 amount) external {
        amount = bound(amount, 0, INITIAL);
        vm.prank(holder);
        token.delegate(holder);
        vm.prank(bob);
        token.delegate(bob);
        vm.prank(holder);
        assertTrue(token.transfer(bob, amount), "transfer");
        assertEq(token.getVotes(holder), INITIAL - amount, "holder votes");
        assertEq(token.getVotes(bob), amount, "bob votes");
    }
}
