#ifndef CMAILICU_H
#define CMAILICU_H
/* Opaque wrapper around ICU's converters. No ICU type crosses this header: Foundation ships its
 * own ICU and the two clash at compile time if a Swift module sees both (TOOLCHAIN.md). */
#include <stddef.h>
#include <stdint.h>

typedef struct cmailicu_converter cmailicu_converter;

/* Opens a converter from an IANA charset name or alias to UTF-8; NULL when ICU does not know
 * the name (or it is empty: ICU would open its default converter). Not thread-safe: use one
 * converter on one thread at a time. */
cmailicu_converter *cmailicu_open(const char *name);
void cmailicu_close(cmailicu_converter *converter);

/* Forgets any conversion state (for stateful charsets such as ISO-2022-JP and UTF-7). */
void cmailicu_reset(cmailicu_converter *converter);

/* ICU's canonical name of the charset (valid while the converter is open). */
const char *cmailicu_name(const cmailicu_converter *converter);

/* 1 when the charset is a stateless single-byte one (ICU types SBCS, Latin-1, US-ASCII), whose
 * bytes can each be converted on their own; 0 otherwise. */
int cmailicu_is_single_byte(const cmailicu_converter *converter);

/* Result of cmailicu_to_utf8. */
enum {
    CMAILICU_DONE = 0,          /* all input converted and flushed */
    CMAILICU_OUTPUT_FULL = 1,   /* call again with the rest of the input and more room */
    CMAILICU_FAILED = -1        /* an ICU error other than a full buffer */
};

/* Converts `source` to UTF-8 into `target`, as the end of the text (state is flushed).
 * `*consumed` and `*written` say how far it got. On CMAILICU_OUTPUT_FULL call again with
 * the unconsumed input, more room and `restart` = 0; pass `restart` = 1 for new text.
 * Ill-formed or unmapped input becomes U+FFFD and sets `*had_invalid` to 1. */
int cmailicu_to_utf8(cmailicu_converter *converter, const uint8_t *source, size_t source_length,
                     uint8_t *target, size_t target_capacity, size_t *consumed, size_t *written,
                     int restart, int *had_invalid);

#endif
