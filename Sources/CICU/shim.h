// Static inline shims over the parts of ICU's C API that discourse uses.
//
// ICU renames its entry points with a version suffix through macros (ubrk_open is
// ubrk_open_72 on ICU 72). Swift cannot call such macros, so each shim below calls the macro
// name and lets the C compiler apply the renaming: the code builds against any ICU version,
// and the renaming stays on.
#ifndef DISCOURSE_CICU_SHIM_H
#define DISCOURSE_CICU_SHIM_H

#include <unicode/utypes.h>
#include <unicode/uchar.h>
#include <unicode/uversion.h>
#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/utrans.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/uregex.h>
#include <unicode/ucsdet.h>

// MARK: Versions and errors

static inline void cicu_getVersion(uint8_t *out) { u_getVersion(out); }
static inline void cicu_getUnicodeVersion(uint8_t *out) { u_getUnicodeVersion(out); }
static inline const char *cicu_errorName(UErrorCode code) { return u_errorName(code); }

// MARK: Break iteration

static inline UBreakIterator *cicu_ubrk_open(UBreakIteratorType type, const char *locale,
                                             UErrorCode *status) {
    return ubrk_open(type, locale, NULL, 0, status);
}
static inline UBreakIterator *cicu_ubrk_clone(const UBreakIterator *bi, UErrorCode *status) {
    return ubrk_clone(bi, status);
}
static inline void cicu_ubrk_close(UBreakIterator *bi) { ubrk_close(bi); }

/// Points the iterator at a text and its start, for `cicu_ubrk_next_segments`.
static inline void cicu_ubrk_start(UBreakIterator *bi, const UChar *text, int32_t length, UErrorCode *status) {
    ubrk_setText(bi, text, length, status);
    if (U_SUCCESS(*status)) ubrk_first(bi);
}

/// The next segments from where the iterator stands: writes up to `capacity` end offsets and
/// rule statuses, and returns how many (0 at the end of the text), so that a long text is
/// segmented in batches of bounded memory.
static inline int32_t cicu_ubrk_next_segments(UBreakIterator *bi, int32_t *ends, int32_t *statuses, int32_t capacity) {
    int32_t count = 0;
    while (count < capacity) {
        int32_t end = ubrk_next(bi);
        if (end == UBRK_DONE) break;
        ends[count] = end;
        if (statuses != NULL) statuses[count] = ubrk_getRuleStatus(bi);
        count++;
    }
    return count;
}

// MARK: Normalization

static inline const UNormalizer2 *cicu_nfc(UErrorCode *status) {
    return unorm2_getNFCInstance(status);
}
static inline const UNormalizer2 *cicu_nfkc(UErrorCode *status) {
    return unorm2_getNFKCInstance(status);
}
static inline const UNormalizer2 *cicu_nfkc_cf(UErrorCode *status) {
    return unorm2_getNFKCCasefoldInstance(status);
}
static inline int32_t cicu_normalize(const UNormalizer2 *norm, const UChar *src, int32_t length,
                                     UChar *dest, int32_t capacity, UErrorCode *status) {
    return unorm2_normalize(norm, src, length, dest, capacity, status);
}
static inline int32_t cicu_spanQuickCheckYes(const UNormalizer2 *norm, const UChar *src,
                                             int32_t length, UErrorCode *status) {
    return unorm2_spanQuickCheckYes(norm, src, length, status);
}
static inline UBool cicu_hasBoundaryBefore(const UNormalizer2 *norm, UChar32 c) {
    return unorm2_hasBoundaryBefore(norm, c);
}

// MARK: Transliteration

static inline UTransliterator *cicu_utrans_open(const UChar *id, int32_t idLength,
                                                UErrorCode *status) {
    UParseError parseError;
    return utrans_openU(id, idLength, UTRANS_FORWARD, NULL, 0, &parseError, status);
}
static inline void cicu_utrans_close(UTransliterator *trans) { utrans_close(trans); }
/// Transliterates text in place; `*length` is updated. Returns the needed length when the
/// capacity is too small (status U_BUFFER_OVERFLOW_ERROR).
static inline void cicu_utrans_transUChars(const UTransliterator *trans, UChar *text,
                                           int32_t *length, int32_t capacity,
                                           UErrorCode *status) {
    int32_t limit = *length;
    utrans_transUChars(trans, text, length, capacity, 0, &limit, status);
}

// MARK: Conversion

/// Opens a converter that stops at the first invalid or unmappable byte sequence.
static inline UConverter *cicu_ucnv_open_strict(const char *name, UErrorCode *status) {
    UConverter *cnv = ucnv_open(name, status);
    if (U_FAILURE(*status)) return cnv;
    ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, status);
    return cnv;
}
static inline void cicu_ucnv_close(UConverter *cnv) { ucnv_close(cnv); }
static inline const char *cicu_ucnv_getName(const UConverter *cnv, UErrorCode *status) {
    return ucnv_getName(cnv, status);
}
/// Converts bytes to UTF-16 from *sourceOffset on, advancing *sourceOffset and *targetLength.
/// On an invalid sequence it stops with status U_INVALID_CHAR_FOUND, U_ILLEGAL_CHAR_FOUND or
/// U_TRUNCATED_CHAR_FOUND, *sourceOffset just past the bad bytes and *badLength their length.
static inline void cicu_ucnv_toUnicode(UConverter *cnv, const char *source, int32_t sourceLength,
                                       int32_t *sourceOffset, UChar *target,
                                       int32_t targetCapacity, int32_t *targetLength,
                                       int32_t *badLength, UErrorCode *status) {
    const char *src = source + *sourceOffset;
    UChar *tgt = target + *targetLength;
    ucnv_toUnicode(cnv, &tgt, target + targetCapacity, &src, source + sourceLength, NULL, 1,
                   status);
    *sourceOffset = (int32_t)(src - source);
    *targetLength = (int32_t)(tgt - target);
    *badLength = 0;
    if (*status == U_INVALID_CHAR_FOUND || *status == U_ILLEGAL_CHAR_FOUND ||
        *status == U_TRUNCATED_CHAR_FOUND) {
        char bad[32];
        int8_t len = sizeof bad;
        UErrorCode ignored = U_ZERO_ERROR;
        ucnv_getInvalidChars(cnv, bad, &len, &ignored);
        *badLength = U_SUCCESS(ignored) ? len : 0;
    }
}

// MARK: Charset detection

/// Writes the name of the most likely charset of the bytes into `name` (capacity bytes) and
/// returns ICU's confidence (0-100), or -1 when nothing was detected.
static inline int32_t cicu_detect(const char *bytes, int32_t length, char *name,
                                  int32_t capacity, UErrorCode *status) {
    UCharsetDetector *det = ucsdet_open(status);
    if (U_FAILURE(*status)) return -1;
    ucsdet_setText(det, bytes, length, status);
    const UCharsetMatch *match = ucsdet_detect(det, status);
    int32_t confidence = -1;
    if (U_SUCCESS(*status) && match != NULL) {
        const char *found = ucsdet_getName(match, status);
        confidence = ucsdet_getConfidence(match, status);
        if (found != NULL && capacity > 0) {
            int32_t i = 0;
            for (; found[i] != 0 && i < capacity - 1; i++) name[i] = found[i];
            name[i] = 0;
        }
    }
    ucsdet_close(det);
    return confidence;
}

// MARK: Regular expressions

static inline URegularExpression *cicu_uregex_open(const UChar *pattern, int32_t length,
                                                   int32_t *errorOffset, UErrorCode *status) {
    UParseError pe;
    pe.offset = -1;
    URegularExpression *re = uregex_open(pattern, length, 0, &pe, status);
    *errorOffset = pe.offset;
    return re;
}
static inline void cicu_uregex_close(URegularExpression *re) { uregex_close(re); }
/// Finds every match in text and writes [start, end) pairs (UTF-16 offsets) into `ranges`
/// (room for `capacity` pairs). Returns the number of matches, which may exceed capacity;
/// call again with more room then.
static inline int32_t cicu_uregex_findAll(URegularExpression *re, const UChar *text,
                                          int32_t length, int32_t *ranges, int32_t capacity,
                                          UErrorCode *status) {
    uregex_setText(re, text, length, status);
    int32_t count = 0;
    while (U_SUCCESS(*status) && uregex_findNext(re, status)) {
        int32_t start = uregex_start(re, 0, status);
        int32_t end = uregex_end(re, 0, status);
        if (count < capacity) {
            ranges[2 * count] = start;
            ranges[2 * count + 1] = end;
        }
        count++;
    }
    return count;
}

#endif
