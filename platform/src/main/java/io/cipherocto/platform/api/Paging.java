package io.cipherocto.platform.api;

/**
 * Offset paging of the list endpoints, checked once: a negative page, or one whose offset (page x size) would not fit
 * an int (PostgreSQL's OFFSET of the queries), is a 400 {@code invalid_page}, never an overflowed negative offset.
 */
public final class Paging {
    private Paging() {
    }

    /** The row offset of {@code page} with {@code size} rows per page. */
    public static int offset(int page, int size) {
        if (page < 0) {
            throw ApiException.badRequest("invalid_page", "page must be >= 0, got " + page);
        }
        long offset = (long) page * size;
        if (offset > Integer.MAX_VALUE) {
            throw ApiException.badRequest("invalid_page", "page " + page + " is beyond any list (at most "
                    + (Integer.MAX_VALUE / Math.max(1, size)) + " with " + size + " per page)");
        }
        return (int) offset;
    }
}
