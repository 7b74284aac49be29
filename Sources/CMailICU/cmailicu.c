#include "cmailicu.h"
#include <stdlib.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>

#define PIVOT_UNITS 1024

struct cmailicu_converter {
    UConverter *source;  /* the mail's charset → UTF-16 */
    UConverter *utf8;    /* UTF-16 → UTF-8 */
    int had_invalid;     /* set by the callback */
    UChar pivot[PIVOT_UNITS];
    UChar *pivot_source;
    UChar *pivot_target;
};

/* ICU's default substitutes U+001A for unassigned single bytes; mail readers expect U+FFFD,
 * and we must know that it happened. */
static void substitute_replacement_character(const void *context, UConverterToUnicodeArgs *args,
                                             const char *code_units, int32_t length,
                                             UConverterCallbackReason reason, UErrorCode *err) {
    (void)code_units;
    (void)length;
    if (reason > UCNV_IRREGULAR) return; /* reset, close, clone: nothing to substitute */
    cmailicu_converter *converter = (cmailicu_converter *)context;
    static const UChar replacement = 0xFFFD;
    converter->had_invalid = 1;
    *err = U_ZERO_ERROR;
    ucnv_cbToUWriteUChars(args, &replacement, 1, 0, err);
}

cmailicu_converter *cmailicu_open(const char *name) {
    if (name == NULL || name[0] == '\0') return NULL;
    UErrorCode err = U_ZERO_ERROR;
    UConverter *source = ucnv_open(name, &err);
    /* ICU reports warnings as negative codes (e.g. ambiguous alias): only > 0 is failure. */
    if (err > 0 || source == NULL) return NULL;
    err = U_ZERO_ERROR;
    UConverter *utf8 = ucnv_open("UTF-8", &err);
    if (err > 0 || utf8 == NULL) {
        ucnv_close(source);
        return NULL;
    }
    cmailicu_converter *c = malloc(sizeof *c);
    if (c == NULL) {
        ucnv_close(source);
        ucnv_close(utf8);
        return NULL;
    }
    c->source = source;
    c->utf8 = utf8;
    c->had_invalid = 0;
    c->pivot_source = c->pivot;
    c->pivot_target = c->pivot;
    err = U_ZERO_ERROR;
    ucnv_setToUCallBack(source, substitute_replacement_character, c, NULL, NULL, &err);
    if (err > 0) {
        cmailicu_close(c);
        return NULL;
    }
    return c;
}

void cmailicu_close(cmailicu_converter *converter) {
    if (converter == NULL) return;
    ucnv_close(converter->source);
    ucnv_close(converter->utf8);
    free(converter);
}

void cmailicu_reset(cmailicu_converter *converter) {
    ucnv_reset(converter->source);
    ucnv_reset(converter->utf8);
    converter->pivot_source = converter->pivot;
    converter->pivot_target = converter->pivot;
}

const char *cmailicu_name(const cmailicu_converter *converter) {
    UErrorCode err = U_ZERO_ERROR;
    const char *name = ucnv_getName(converter->source, &err);
    return err > 0 ? "" : name;
}

int cmailicu_is_single_byte(const cmailicu_converter *converter) {
    UConverterType type = ucnv_getType(converter->source);
    return type == UCNV_SBCS || type == UCNV_LATIN_1 || type == UCNV_US_ASCII;
}

int cmailicu_to_utf8(cmailicu_converter *converter, const uint8_t *source, size_t source_length,
                     uint8_t *target, size_t target_capacity, size_t *consumed, size_t *written,
                     int restart, int *had_invalid) {
    if (restart) {
        cmailicu_reset(converter);
        converter->had_invalid = 0;
    }
    const char *in = (const char *)source;
    char *out = (char *)target;
    UErrorCode err = U_ZERO_ERROR;
    ucnv_convertEx(converter->utf8, converter->source, &out, (char *)target + target_capacity,
                   &in, (const char *)source + source_length, converter->pivot,
                   &converter->pivot_source, &converter->pivot_target, converter->pivot + PIVOT_UNITS,
                   0 /* reset: done above */, 1 /* flush */, &err);
    *consumed = (size_t)(in - (const char *)source);
    *written = (size_t)(out - (char *)target);
    *had_invalid = converter->had_invalid;
    if (err == U_BUFFER_OVERFLOW_ERROR) return CMAILICU_OUTPUT_FULL;
    return err > 0 ? CMAILICU_FAILED : CMAILICU_DONE;
}
