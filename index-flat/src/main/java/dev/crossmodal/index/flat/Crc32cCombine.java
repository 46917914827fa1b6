package dev.crossmodal.index.flat;

/**
 * Joins the CRC32C checksums of two adjacent byte ranges into the checksum of both, as zlib's
 * {@code crc32_combine} does for CRC-32, so that the parts of a file can be checksummed in
 * parallel and still be compared with the single checksum the file format stores.
 */
final class Crc32cCombine {
  /** The Castagnoli polynomial, bit-reversed, as {@link java.util.zip.CRC32C} uses it. */
  private static final int POLYNOMIAL = 0x82F63B78;

  private Crc32cCombine() {}

  /**
   * The CRC32C of range A followed by range B.
   *
   * @param crcA the CRC32C of range A
   * @param crcB the CRC32C of range B
   * @param lengthB the length of range B in bytes
   */
  static int combine(int crcA, int crcB, long lengthB) {
    if (lengthB <= 0) {
      return crcA;
    }
    // Appending n zero bits to A is a linear map over GF(2); the matrices below apply it for
    // 2, 4, 8, ... zero bits, squared once per bit of lengthB.
    int[] even = new int[32];
    int[] odd = new int[32];
    odd[0] = POLYNOMIAL;
    int row = 1;
    for (int n = 1; n < 32; n++) {
      odd[n] = row;
      row <<= 1;
    }
    square(even, odd);
    square(odd, even);
    int crc = crcA;
    long length = lengthB;
    do {
      square(even, odd);
      if ((length & 1) != 0) {
        crc = times(even, crc);
      }
      length >>>= 1;
      if (length == 0) {
        break;
      }
      square(odd, even);
      if ((length & 1) != 0) {
        crc = times(odd, crc);
      }
      length >>>= 1;
    } while (length != 0);
    return crc ^ crcB;
  }

  private static int times(int[] matrix, int vector) {
    int sum = 0;
    for (int i = 0; vector != 0; i++, vector >>>= 1) {
      if ((vector & 1) != 0) {
        sum ^= matrix[i];
      }
    }
    return sum;
  }

  private static void square(int[] result, int[] matrix) {
    for (int n = 0; n < 32; n++) {
      result[n] = times(matrix, matrix[n]);
    }
  }
}
