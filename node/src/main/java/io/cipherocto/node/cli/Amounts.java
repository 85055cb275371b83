package io.cipherocto.node.cli;

import io.cipherocto.platform.kernel.Wei;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * Token amounts on the command line: a plain integer is wei (the token's smallest unit); a decimal followed by
 * {@code octo} or {@code ether} (18 decimals, e.g. {@code 2.5octo}) is converted exactly with BigDecimal, and refused
 * when it has more than 18 decimals. No floating point anywhere.
 */
final class Amounts {
    private static final int DECIMALS = 18;

    private Amounts() {
    }

    static BigInteger parse(String option, String text) {
        String s = text.trim().toLowerCase(Locale.ROOT).replace("_", "");
        try {
            for (String unit : new String[] {"octo", "ether"}) {
                if (s.endsWith(unit)) {
                    BigDecimal d = new BigDecimal(s.substring(0, s.length() - unit.length()).trim());
                    BigInteger wei = d.movePointRight(DECIMALS).toBigIntegerExact();
                    return Wei.of(wei).value();
                }
            }
            return Wei.parse(s).value();
        } catch (ArithmeticException e) {
            throw new Args.UsageException(option + ": '" + text + "' has more than 18 decimals");
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(option + ": '" + text + "' is not an amount (integer wei, or a decimal "
                    + "followed by octo/ether, e.g. 2.5octo)");
        }
    }

    /** wei as "1500000000000000000 wei (1.5 OCTO)". */
    static String show(BigInteger wei, String symbol) {
        BigDecimal units = new BigDecimal(wei).movePointLeft(DECIMALS).stripTrailingZeros();
        return wei + " wei (" + units.toPlainString() + " " + symbol + ")";
    }
}
