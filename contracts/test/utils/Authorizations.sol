// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IPaymentEscrow} from "../../src/interfaces/IPaymentEscrow.sol";

/// @title Authorizations
/// @notice Lists of escrow authorisations for tests, in the strictly ascending requester order `reserve` requires.
library Authorizations {
    function none() internal pure returns (IPaymentEscrow.Authorization[] memory) {
        return new IPaymentEscrow.Authorization[](0);
    }

    function one(IPaymentEscrow.Authorization memory a) internal pure returns (IPaymentEscrow.Authorization[] memory arr) {
        arr = new IPaymentEscrow.Authorization[](1);
        arr[0] = a;
    }

    /// @notice The two authorisations by ascending requester.
    function two(IPaymentEscrow.Authorization memory a, IPaymentEscrow.Authorization memory b)
        internal
        pure
        returns (IPaymentEscrow.Authorization[] memory arr)
    {
        arr = new IPaymentEscrow.Authorization[](2);
        arr[0] = a;
        arr[1] = b;
        sorted(arr);
    }

    /// @notice Sorts authorisations by ascending requester (insertion sort, in place) and returns the same array.
    function sorted(IPaymentEscrow.Authorization[] memory a) internal pure returns (IPaymentEscrow.Authorization[] memory) {
        for (uint256 i = 1; i < a.length; ++i) {
            IPaymentEscrow.Authorization memory x = a[i];
            uint256 j = i;
            while (j > 0 && a[j - 1].requester > x.requester) {
                a[j] = a[j - 1];
                --j;
            }
            a[j] = x;
        }
        return a;
    }
}
