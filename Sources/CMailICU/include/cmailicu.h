#ifndef CMAILICU_H
#define CMAILICU_H
/* Opaque wrapper around ICU's converters. No ICU type crosses this header: Foundation ships its
 * own ICU and the two clash at compile time if a Swift module sees both (TOOLCHAIN.md). */
#include <stddef.h>
#include <stdint.h>

typedef struct cmailicu_converter cmailicu_converter;

/* Opens a converter for an IANA charset name or alias; NULL when ICU does not know it. */
cmailicu_converter *cmailicu_open(const char *name);
void cmailicu_close(cmailicu_converter *converter);

#endif
