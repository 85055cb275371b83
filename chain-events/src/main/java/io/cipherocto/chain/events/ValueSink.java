package io.cipherocto.chain.events;

/**
 * Where {@link LogDecoder} puts the decoded parameters of one log, in parameter order, one call per parameter. The
 * method called follows the parameter's {@link AbiType}: {@code address} for addresses, {@code bytes} for
 * {@code bytesN} and {@code bytes}, {@code string}, {@code bool}, {@code int64} for the integers that
 * {@link AbiType#decodesAsInt64()}, {@code integer} for wider ones and {@code json} for arrays. Byte ranges are only
 * valid during the call.
 */
public interface ValueSink {
    /** A 20-byte address at {@code src[off ..]}; stored as lower-case 0x-hex. */
    void address(byte[] src, int off);

    void bool(boolean v);

    /** A value that fits a signed 64-bit column. */
    void int64(long v);

    /** A 32-byte ABI word at {@code word[off ..]}, two's complement when {@code signed}; stored as numeric. */
    void integer(byte[] word, int off, boolean signed);

    /** {@code bytesN} or {@code bytes}: stored as lower-case 0x-hex. */
    void bytes(byte[] src, int off, int len);

    /** A string, already valid UTF-8 text without NUL characters. */
    void string(String s);

    /** An array, as JSON text of its elements' text forms. */
    void json(String json);
}
