#ifndef CRE2SHIM_H
#define CRE2SHIM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Opaque handle to a compiled RE2 object.
typedef struct cre2shim_regex cre2shim_regex;

/// Compiles `pattern` (UTF-8, `length` bytes) with options matching Go's regexp package.
/// Always returns a handle (NULL only when out of memory); check `cre2shim_error_code` before matching.
cre2shim_regex *cre2shim_compile(const char *pattern, size_t length);

/// Frees a handle returned by `cre2shim_compile`.
void cre2shim_delete(cre2shim_regex *regex);

/// 0 when the pattern compiled; otherwise RE2's `ErrorCode`.
int cre2shim_error_code(const cre2shim_regex *regex);

/// The fragment of the pattern RE2 blames for the error (not NUL-terminated; length in `length`).
const char *cre2shim_error_arg(const cre2shim_regex *regex, size_t *length);

/// 1 when the whole text matches the pattern, else 0.
int cre2shim_full_match(const cre2shim_regex *regex, const char *text, size_t length);

/// 1 when some substring of the text matches the pattern (Go's `MatchString`), else 0.
int cre2shim_partial_match(const cre2shim_regex *regex, const char *text, size_t length);

/// The number of capturing groups in the pattern (not counting the whole match).
int cre2shim_group_count(const cre2shim_regex *regex);

/// The name of capturing group `index` (1-based): the bytes of `(?P<name>...)`'s name, or NULL with
/// `*length` 0 when the group is unnamed. Valid as long as the handle.
const char *cre2shim_group_name(const cre2shim_regex *regex, int index, size_t *length);

/// Searches `text` from byte `start` for the leftmost-first match, the whole text being the context of
/// `^`, `\b` and friends (as Go's matcher sees it when it resumes a search). On a match returns 1 and
/// writes `2 * (groups + 1)` byte offsets into `offsets`: start and end of the whole match, then of each
/// group, -1 for a group that did not take part. `text` must not be NULL, even when `length` is 0.
int cre2shim_search(const cre2shim_regex *regex, const char *text, size_t length, size_t start, long *offsets,
                    int groups);

#ifdef __cplusplus
}
#endif

#endif
