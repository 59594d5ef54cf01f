package dev.heart.api.security;

/** Just enough DER reading to find the named curve of a SEC1 {@code ECPrivateKey}. */
final class Der {
    private Der() {}

    /**
     * The curve OID (tag and all) of SEC1's {@code ECPrivateKey ::= SEQUENCE { version, privateKey
     * OCTET STRING, [0] parameters OPTIONAL, [1] publicKey OPTIONAL }}.
     *
     * @throws IllegalArgumentException when it is not such a structure or names no curve
     */
    static byte[] curveOf(byte[] sec1) {
        int[] position = {0};
        expect(sec1, position, 0x30);
        length(sec1, position);
        skip(sec1, position, 0x02);
        skip(sec1, position, 0x04);
        if (position[0] < sec1.length && (sec1[position[0]] & 0xff) == 0xa0) {
            position[0]++;
            length(sec1, position);
            int start = position[0];
            expect(sec1, position, 0x06);
            int length = length(sec1, position);
            byte[] oid = new byte[position[0] + length - start];
            System.arraycopy(sec1, start, oid, 0, oid.length);
            return oid;
        }
        throw new IllegalArgumentException("the EC key names no curve");
    }

    private static void expect(byte[] der, int[] position, int tag) {
        if (position[0] >= der.length || (der[position[0]] & 0xff) != tag) {
            throw new IllegalArgumentException("not SEC1 DER");
        }
        position[0]++;
    }

    private static void skip(byte[] der, int[] position, int tag) {
        expect(der, position, tag);
        int length = length(der, position); // first: it moves position past the length bytes
        position[0] += length;
    }

    private static int length(byte[] der, int[] position) {
        if (position[0] >= der.length) {
            throw new IllegalArgumentException("not SEC1 DER");
        }
        int first = der[position[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int count = first & 0x7f;
        if (count > 3) {
            throw new IllegalArgumentException("not SEC1 DER");
        }
        int length = 0;
        for (int i = 0; i < count; i++) {
            length = (length << 8) | (der[position[0]++] & 0xff);
        }
        return length;
    }
}
