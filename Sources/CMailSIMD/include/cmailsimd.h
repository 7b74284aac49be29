#ifndef CMAILSIMD_H
#define CMAILSIMD_H
/* Vector kernels for MIMECore's codecs, chosen at run time from what the CPU offers: no
 * CPU-specific compiler flags, so one build runs on any x86-64 (and elsewhere, without them).
 * MIMECore stays pure Swift: it declares the kernel's shape and runs its own code when none is
 * installed (MIMESIMD installs these). */
#include <stddef.h>
#include <stdint.h>

/* Decodes whole lines of base64 (RFC 4648 §4 alphabet) from source[*in]: each line is
 * line_length characters followed by CRLF or LF. Stops, with *in and *out past the last line
 * it decoded, before the first line that is not such a line or that holds a byte outside the
 * alphabet (padding included), and when fewer than line_length + 2 bytes remain.
 *
 * line_length must be at least 16 and a multiple of 4, or nothing is decoded. Each line's
 * bytes go to target[*out]; stores reach at most 4 bytes past them, into the next line's place
 * or the caller's slack, including for a line it then rejects. */
typedef void (*cmailsimd_base64_lines)(const uint8_t *_Nonnull source, size_t count, size_t line_length,
                                       uint8_t *_Nonnull target, size_t *_Nonnull in, size_t *_Nonnull out);

/* The fastest base64 line kernel this CPU runs, or NULL when there is none (not x86-64, or no
 * SSSE3). */
cmailsimd_base64_lines _Nullable cmailsimd_base64_lines_best(void);

#endif
