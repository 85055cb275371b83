// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

import {RoleToken} from "../src/RoleToken.sol";
import {IRoleToken} from "../src/interfaces/IRoleToken.sol";
import {Roles} from "../src/libraries/Roles.sol";
import {TestTokens} from "./utils/TestTokens.sol";
import {Test} from "./utils/Test.sol";

contract RoleTokenTest is Test {
    uint256 internal constant CAP = 1_000_000e18;
    uint256 internal constant INITIAL = 250_000e18;

    RoleToken internal token;
    address internal admin = address(0xAD);
    address internal holder = address(0x401D);
    address internal minter = address(0x3173);
    address internal bob = address(0xB0B);

    function setUp() external {
        token = new RoleToken("CipherOcto Storage", "OCTO-S", Roles.STORAGE, CAP, admin, holder, INITIAL);
        bytes32 minterRole = token.MINTER_ROLE();
        vm.prank(admin);
        token.grantRole(minterRole, minter);
    }

    // ------------------------------------------------------------------ constructor

    function test_constructor_setsMetadataRoleCapSupplyAndRoles() external view {
        assertEq(token.name(), "CipherOcto Storage", "name");
        assertEq(token.symbol(), "OCTO-S", "symbol");
        assertEq(token.decimals(), 18, "decimals");
        assertEq(token.role(), Roles.STORAGE, "role");
        assertEq(token.cap(), CAP, "cap");
        assertEq(token.totalSupply(), INITIAL, "supply");
        assertEq(token.balanceOf(holder), INITIAL, "holder");
        assertTrue(token.hasRole(token.DEFAULT_ADMIN_ROLE(), admin), "admin");
        assertFalse(token.hasRole(token.MINTER_ROLE(), admin), "admin is not a minter");
    }

    function test_constructor_acceptsUint96MaxCapAndZeroSupply() external {
        RoleToken t = new RoleToken("N", "OCTO-N", Roles.NODE_OPERATORS, type(uint96).max, admin, address(0), 0);
        assertEq(t.cap(), type(uint96).max, "cap");
        assertEq(t.totalSupply(), 0, "supply");
        assertEq(t.role(), 7, "role");
    }

    function test_constructor_revertsWith_RoleTokenInvalidConfig_whenRoleOutOfRange() external {
        vm.expectRevert(IRoleToken.RoleTokenInvalidConfig.selector);
        new RoleToken("X", "X", Roles.COUNT, CAP, admin, holder, 0);
    }

    function test_constructor_revertsWith_RoleTokenInvalidConfig_whenCapOver96Bits() external {
        vm.expectRevert(IRoleToken.RoleTokenInvalidConfig.selector);
        new RoleToken("X", "X", 0, uint256(type(uint96).max) + 1, admin, holder, 0);
    }

    function test_constructor_revertsWith_RoleTokenInvalidConfig_whenCapZero() external {
        vm.expectRevert(IRoleToken.RoleTokenInvalidConfig.selector);
        new RoleToken("X", "X", 0, 0, admin, holder, 0);
    }

    function test_constructor_revertsWith_RoleTokenInvalidConfig_whenAdminZero() external {
        vm.expectRevert(IRoleToken.RoleTokenInvalidConfig.selector);
        new RoleToken("X", "X", 0, CAP, address(0), holder, 0);
    }

    function test_constructor_revertsWith_RoleTokenCapExceeded_whenInitialSupplyOverCap() external {
        vm.expectRevert(abi.encodeWithSelector(IRoleToken.RoleTokenCapExceeded.selector, CAP + 1, CAP));
        new RoleToken("X", "X", 0, CAP, admin, holder, CAP + 1);
    }

    function test_deployRoleTokens_namesEveryRole() external {
        address[8] memory tokens = TestTokens.deployRoleTokens(admin, holder, 1);
        string[8] memory symbols = ["OCTO-A", "OCTO-S", "OCTO-B", "OCTO-O", "OCTO-W", "OCTO-D", "OCTO-M", "OCTO-N"];
        for (uint8 r = 0; r < Roles.COUNT; ++r) {
            assertEq(RoleToken(tokens[r]).symbol(), symbols[r], "symbol");
            assertEq(RoleToken(tokens[r]).role(), r, "role");
        }
        assertEq(RoleToken(tokens[7]).name(), "CipherOcto Node Operators", "name");
    }

    // ------------------------------------------------------------------ mint

    function test_mint_mintsToRecipient() external {
        vm.prank(minter);
        token.mint(bob, 3e18);
        assertEq(token.balanceOf(bob), 3e18, "bob");
        assertEq(token.totalSupply(), INITIAL + 3e18, "supply");
    }

    function test_mint_reachesCapExactly() external {
        vm.prank(minter);
        token.mint(bob, CAP - INITIAL);
        assertEq(token.totalSupply(), CAP, "at cap");
    }

    function test_mint_revertsWith_RoleTokenCapExceeded_whenOverCap() external {
        vm.prank(minter);
        vm.expectRevert(abi.encodeWithSelector(IRoleToken.RoleTokenCapExceeded.selector, CAP + 1, CAP));
        token.mint(bob, CAP - INITIAL + 1);
    }

    function test_mint_revertsWith_RoleTokenCapExceeded_whenSumOverflows() external {
        vm.prank(minter);
        vm.expectRevert(abi.encodeWithSelector(IRoleToken.RoleTokenCapExceeded.selector, type(uint256).max, CAP));
        token.mint(bob, type(uint256).max);
    }

    function test_mint_revertsWith_AccessControlUnauthorizedAccount_whenNotMinter() external {
        bytes32 minterRole = token.MINTER_ROLE();
        vm.prank(bob);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, bob, minterRole)
        );
        token.mint(bob, 1);
    }

    // ------------------------------------------------------------------ burn

    function test_burn_reducesSupplyAndFreesCap() external {
        vm.prank(holder);
        token.burn(50e18);
        assertEq(token.totalSupply(), INITIAL - 50e18, "supply");
        assertEq(token.balanceOf(holder), INITIAL - 50e18, "holder");
        vm.prank(minter);
        token.mint(bob, CAP - INITIAL + 50e18);
        assertEq(token.totalSupply(), CAP, "room re-minted");
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
        token.burnFrom(holder, 10e18);
        assertEq(token.allowance(holder, bob), 0, "allowance");
        assertEq(token.totalSupply(), INITIAL - 10e18, "supply");
    }

    function test_burnFrom_revertsWith_ERC20InsufficientAllowance_whenNotApproved() external {
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, bob, 0, 1));
        token.burnFrom(holder, 1);
    }

    // ------------------------------------------------------------------ fuzz

    function testFuzz_mint_neverExceedsCap(uint256 amount) external {
        amount = bound(amount, 0, 2 * CAP);
        vm.prank(minter);
        if (INITIAL + amount > CAP) {
            vm.expectRevert(abi.encodeWithSelector(IRoleToken.RoleTokenCapExceeded.selector, INITIAL + amount, CAP));
        }
        token.mint(bob, amount);
        assertLe(token.totalSupply(), CAP, "cap holds");
    }

    function testFuzz_constructor_validatesConfig(uint8 role, uint256 cap_) external {
        bool valid = role < Roles.COUNT && cap_ != 0 && cap_ <= type(uint96).max;
        if (!valid) vm.expectRevert(IRoleToken.RoleTokenInvalidConfig.selector);
        RoleToken t = new RoleToken("X", "X", role, cap_, admin, holder, 0);
        if (valid) assertEq(t.cap(), cap_, "cap");
    }
}
