#include "cmailicu.h"
#include <stdlib.h>
#include <unicode/ucnv.h>

struct cmailicu_converter {
    UConverter *ucnv;
};

cmailicu_converter *cmailicu_open(const char *name) {
    UErrorCode err = U_ZERO_ERROR;
    UConverter *ucnv = ucnv_open(name, &err);
    /* ICU reports warnings as negative codes (e.g. ambiguous alias): only > 0 is failure. */
    if (err > 0 || ucnv == NULL) return NULL;
    cmailicu_converter *c = malloc(sizeof *c);
    if (c == NULL) { ucnv_close(ucnv); return NULL; }
    c->ucnv = ucnv;
    return c;
}

void cmailicu_close(cmailicu_converter *converter) {
    if (converter == NULL) return;
    ucnv_close(converter->ucnv);
    free(converter);
}
