/* Base64 line kernels (see cmailsimd.h). Each 16 characters are classified and translated by
 * nibble lookups with pshufb, packed by two multiply-adds and put in order by one more shuffle:
 * about one instruction per byte, where portable SSE2 arithmetic needs four and a half.
 *
 * Per 16 characters x:
 * - validity: the high nibble of each byte selects a class bit (HIGH_CLASS) and the low nibble
 *   the classes in which that low nibble is outside the alphabet (LOW_INVALID); a byte is
 *   invalid when the two meet. The classes, by high nibble:
 *     0x01  0, 1, 8-F   no byte valid
 *     0x02  2           only B and F ('+' 0x2B, '/' 0x2F)
 *     0x04  3           0-9 ('0'-'9')
 *     0x08  4, 6        1-F ('A'-'O', 'a'-'o'; '@' and '`' are not)
 *     0x10  5, 7        0-A ('P'-'Z', 'p'-'z')
 * - value: x plus an offset chosen by the high nibble, except that '/' shares its nibble with
 *   '+': its index is moved down by one (OFFSETS[1]).
 * - packing: sextets a, b to a << 6 | b in 16-bit lanes (pmaddubsw), pairs of those to 24-bit
 *   quanta in 32-bit lanes (pmaddwd), then each quantum's 3 bytes in big-endian order.
 *
 * An AVX2 form (32-character blocks, vpermd to join the lanes' bytes) measured no faster on
 * 76-column lines here (both run at the speed of a memchr scan of the input), so there is only
 * this one. Other CPUs (ARM's NEON, which has a table lookup) get none yet. */
#include "cmailsimd.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define SSSE3 __attribute__((target("ssse3")))

#define HIGH_CLASS 0x01, 0x01, 0x02, 0x04, 0x08, 0x10, 0x08, 0x10, \
                   0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01
#define LOW_INVALID 0x0B, 0x03, 0x03, 0x03, 0x03, 0x03, 0x03, 0x03, \
                    0x03, 0x03, 0x07, 0x15, 0x17, 0x17, 0x17, 0x15
/* Index 1: '/' (+16); 2: '+' (+19); 3: digits (+4); 4, 5: A-Z (-65); 6, 7: a-z (-71). */
#define OFFSETS 0, 16, 19, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0
/* The 3 bytes of each 32-bit quantum, most significant first; the last 4 lanes are spare. */
#define ORDER 2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1

/* The 12 bytes of 16 characters in the low lanes; their invalid bytes ORed into *bad
 * (non-zero lanes). */
static inline SSSE3 __m128i decode16(__m128i x, __m128i *bad) {
    const __m128i nibble = _mm_set1_epi8(0x0F);
    const __m128i high = _mm_and_si128(_mm_srli_epi32(x, 4), nibble);
    const __m128i low = _mm_and_si128(x, nibble);
    const __m128i invalid = _mm_and_si128(_mm_shuffle_epi8(_mm_setr_epi8(HIGH_CLASS), high),
                                          _mm_shuffle_epi8(_mm_setr_epi8(LOW_INVALID), low));
    *bad = _mm_or_si128(*bad, invalid);
    const __m128i slash = _mm_cmpeq_epi8(x, _mm_set1_epi8('/'));
    const __m128i offset = _mm_shuffle_epi8(_mm_setr_epi8(OFFSETS), _mm_add_epi8(high, slash));
    const __m128i sextets = _mm_add_epi8(x, offset);
    const __m128i pairs = _mm_maddubs_epi16(sextets, _mm_set1_epi32(0x01400140));
    const __m128i quanta = _mm_madd_epi16(pairs, _mm_set1_epi32(0x00011000));
    return _mm_shuffle_epi8(quanta, _mm_setr_epi8(ORDER));
}

/* The line break after a line: 2 for CRLF, 1 for LF, 0 for anything else. */
static inline size_t line_break(const uint8_t *end) {
    if (end[0] == '\n') return 1;
    return end[0] == '\r' && end[1] == '\n' ? 2 : 0;
}

static SSSE3 void base64_lines_ssse3(const uint8_t *source, size_t count, size_t length, uint8_t *target,
                                     size_t *in, size_t *out) {
    if (length < 16 || length % 4 != 0) return;
    /* The last block ends at the line's end and overlaps the one before unless length % 16 is 0. */
    const size_t last = length - 16;
    size_t i = *in, o = *out;
    while (i <= count && count - i >= length + 2) {
        const uint8_t *line = source + i;
        const size_t separator = line_break(line + length);
        if (separator == 0) break;
        uint8_t *const bytes = target + o;
        __m128i bad = _mm_setzero_si128();
        for (size_t k = 0; k < last; k += 16) {
            _mm_storeu_si128((__m128i *)(bytes + k / 4 * 3), decode16(_mm_loadu_si128((const __m128i *)(line + k)), &bad));
        }
        _mm_storeu_si128((__m128i *)(bytes + last / 4 * 3), decode16(_mm_loadu_si128((const __m128i *)(line + last)), &bad));
        if (_mm_movemask_epi8(_mm_cmpeq_epi8(bad, _mm_setzero_si128())) != 0xFFFF) break;
        i += length + separator;
        o += length / 4 * 3;
    }
    *in = i;
    *out = o;
}

cmailsimd_base64_lines cmailsimd_base64_lines_best(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("ssse3") ? base64_lines_ssse3 : NULL;
}

#else

cmailsimd_base64_lines cmailsimd_base64_lines_best(void) {
    return NULL;
}

#endif
