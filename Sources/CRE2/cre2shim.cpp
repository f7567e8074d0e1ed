#include "cre2shim.h"

#include <new>
#include <map>
#include <string>
#include <vector>
#include <re2/re2.h>

struct cre2shim_regex {
    re2::RE2 re;
    cre2shim_regex(const char *pattern, size_t length, const re2::RE2::Options &options)
        : re(re2::StringPiece(pattern, length), options) {}
};

// RE2's defaults are Go's `regexp` syntax: Perl classes, \b, non-POSIX, leftmost-first (not longest)
// matching, UTF-8, `.` not matching \n, no multi-line ^/$. Only logging is turned off, since errors
// are reported to the caller.
static re2::RE2::Options goOptions() {
    re2::RE2::Options options;
    options.set_encoding(re2::RE2::Options::EncodingUTF8);
    options.set_posix_syntax(false);
    options.set_longest_match(false);
    options.set_log_errors(false);
    options.set_case_sensitive(true);
    options.set_dot_nl(false);
    options.set_never_nl(false);
    return options;
}

extern "C" cre2shim_regex *cre2shim_compile(const char *pattern, size_t length) {
    static const re2::RE2::Options options = goOptions();
    return new (std::nothrow) cre2shim_regex(pattern, length, options);
}

extern "C" void cre2shim_delete(cre2shim_regex *regex) { delete regex; }

extern "C" int cre2shim_error_code(const cre2shim_regex *regex) { return static_cast<int>(regex->re.error_code()); }

extern "C" const char *cre2shim_error_arg(const cre2shim_regex *regex, size_t *length) {
    const std::string &arg = regex->re.error_arg();
    *length = arg.size();
    return arg.data();
}

extern "C" int cre2shim_full_match(const cre2shim_regex *regex, const char *text, size_t length) {
    return re2::RE2::FullMatch(re2::StringPiece(text, length), regex->re) ? 1 : 0;
}

extern "C" int cre2shim_partial_match(const cre2shim_regex *regex, const char *text, size_t length) {
    return re2::RE2::PartialMatch(re2::StringPiece(text, length), regex->re) ? 1 : 0;
}

extern "C" int cre2shim_group_count(const cre2shim_regex *regex) { return regex->re.NumberOfCapturingGroups(); }

extern "C" const char *cre2shim_group_name(const cre2shim_regex *regex, int index, size_t *length) {
    const std::map<int, std::string> &names = regex->re.CapturingGroupNames();
    auto found = names.find(index);
    if (found == names.end()) {
        *length = 0;
        return nullptr;
    }
    *length = found->second.size();
    return found->second.data();
}

extern "C" int cre2shim_search(const cre2shim_regex *regex, const char *text, size_t length, size_t start, long *offsets,
                               int groups) {
    std::vector<re2::StringPiece> matches(static_cast<size_t>(groups) + 1);
    re2::StringPiece whole(text, length);
    if (!regex->re.Match(whole, start, length, re2::RE2::UNANCHORED, matches.data(), groups + 1)) {
        return 0;
    }
    for (int i = 0; i <= groups; i++) {
        const re2::StringPiece &m = matches[static_cast<size_t>(i)];
        if (m.data() == nullptr) {
            offsets[2 * i] = -1;
            offsets[2 * i + 1] = -1;
        } else {
            offsets[2 * i] = static_cast<long>(m.data() - text);
            offsets[2 * i + 1] = static_cast<long>(m.data() - text + m.size());
        }
    }
    return 1;
}
