import TocsinModel

/// Matcher texts run through Alertmanager 0.25 and amtool 0.25 (Debian builds) on loopback.
///
/// `single`: each text was sent as `GET /api/v2/alerts?filter=<text>` (labels.ParseMatcher; a failure returns 400
/// with the message below); accepted ones were also added with `amtool silence add zz=1 <text>` and read back from
/// `GET /api/v2/silence/{id}` for the parsed name, type and value. `foo:bar=x` and `:x=y` parse, but silences reject
/// the names, so their parse is taken from the grammar.
///
/// `lists`: each text was one entry of a route's `matchers:` (labels.ParseMatchers) and read back with
/// `amtool config routes` (which prints the sorted `Matchers.String()`) or its error. amtool's output strips the
/// trailing space of `bad matcher format: `; Alertmanager's own parse_test.go has it, and so do these vectors.
enum MatcherVectors {
    enum SingleOutcome: Sendable {
        case success(name: String, type: MatchType, value: String)
        case failure(String)
    }

    enum ListOutcome: Sendable {
        case success(String)
        case failure(String)
    }

    static let single: [(String, SingleOutcome)] = [
        ("foo=bar", .success(name: "foo", type: .equal, value: "bar")),
        ("foo=\"bar\"", .success(name: "foo", type: .equal, value: "bar")),
        (" foo = bar ", .success(name: "foo", type: .equal, value: "bar")),
        ("foo=~\"a.*\"", .success(name: "foo", type: .regexp, value: "a.*")),
        ("foo!~bar", .success(name: "foo", type: .notRegexp, value: "bar")),
        ("foo!=", .success(name: "foo", type: .notEqual, value: "")),
        ("foo=", .success(name: "foo", type: .equal, value: "")),
        ("foo=\"\"", .success(name: "foo", type: .equal, value: "")),
        ("foo=\"bar\\\"baz\"", .success(name: "foo", type: .equal, value: "bar\"baz")),
        ("foo=\"a\\\\b\"", .success(name: "foo", type: .equal, value: "a\\b")),
        ("foo=\"a\\nb\"", .success(name: "foo", type: .equal, value: "a\u{a}b")),
        ("foo=\"a\\tb\"", .success(name: "foo", type: .equal, value: "a\\tb")),
        ("foo=bar\\", .success(name: "foo", type: .equal, value: "bar\\")),
        ("foo=bar\\\\", .success(name: "foo", type: .equal, value: "bar\\")),
        ("foo=\"bar\\\"", .failure("matcher value contains unescaped double quote: \"bar\\\"")),
        ("foo:bar=x", .success(name: "foo:bar", type: .equal, value: "x")),
        ("foo=~bar=baz!=bad", .success(name: "foo", type: .regexp, value: "bar=baz!=bad")),
        ("foo==bar", .success(name: "foo", type: .equal, value: "=bar")),
        ("foo=~~bar", .success(name: "foo", type: .regexp, value: "~bar")),
        ("foo=\"\u{65e5}\u{672c}\"", .success(name: "foo", type: .equal, value: "\u{65e5}\u{672c}")),
        ("foo=\" spaced \"", .success(name: "foo", type: .equal, value: " spaced ")),
        ("foo=bar baz", .success(name: "foo", type: .equal, value: "bar baz")),
        ("a=b,c=d", .success(name: "a", type: .equal, value: "b,c=d")),
        ("foo=\u{9} bar\u{9}", .success(name: "foo", type: .equal, value: "bar")),
        ("_x!=\"y\"", .success(name: "_x", type: .notEqual, value: "y")),
        (":x=y", .success(name: ":x", type: .equal, value: "y")),
        ("foo", .failure("bad matcher format: foo")),
        ("=bar", .failure("bad matcher format: =bar")),
        ("1foo=bar", .failure("bad matcher format: 1foo=bar")),
        ("foo-bar=baz", .failure("bad matcher format: foo-bar=baz")),
        ("foo=\"bar", .failure("matcher value contains unescaped double quote: \"bar")),
        ("foo=bar\"", .failure("matcher value contains unescaped double quote: bar\"")),
        ("foo=\"a\"b\"", .failure("matcher value contains unescaped double quote: \"a\"b\"")),
        ("foo=~\"(\"", .failure("error parsing regexp: missing closing ): `^(?:()$`")),
        ("foo=~\"[a\"", .failure("error parsing regexp: missing closing ]: `[a)$`")),
        ("foo=~\"a)\"", .failure("error parsing regexp: unexpected ): `^(?:a))$`")),
        ("foo=~\"*\"", .failure("error parsing regexp: missing argument to repetition operator: `*`")),
        ("foo=~\"a**\"", .failure("error parsing regexp: invalid nested repetition operator: `**`")),
        ("foo=~\"\\\\C\"", .failure("error parsing regexp: invalid escape sequence: `\\C`")),
        ("foo=~\"(?P<n>a)\"", .success(name: "foo", type: .regexp, value: "(?P<n>a)")),
        ("foo=~\"(?<n>a)\"", .failure("error parsing regexp: invalid or unsupported Perl syntax: `(?<`")),
        ("foo=~\"\\\\8\"", .failure("error parsing regexp: invalid escape sequence: `\\8`")),
        ("foo=~\"x{1001}\"", .failure("error parsing regexp: invalid repeat count: `{1001}`")),
        ("foo=~\"a{2,1}\"", .failure("error parsing regexp: invalid repeat count: `{2,1}`")),
        ("foo=~\"[z-a]\"", .failure("error parsing regexp: invalid character class range: `z-a`")),
        ("foo=~\"\\\\pX\"", .failure("error parsing regexp: invalid character class range: `\\pX`")),
        ("foo=~\"(?i\"", .failure("error parsing regexp: missing closing ): `^(?:(?i)$`")),
        ("foo=~\"\\\\\"", .failure("error parsing regexp: missing closing ): `^(?:\\)$`")),
        ("foo=~\"a|\"", .success(name: "foo", type: .regexp, value: "a|")),
        ("foo=~\"(?i)AbC\"", .success(name: "foo", type: .regexp, value: "(?i)AbC")),
        ("foo=~\"[[:alpha:]]+\"", .success(name: "foo", type: .regexp, value: "[[:alpha:]]+")),
        ("foo=~\"[[:foo:]]\"", .failure("error parsing regexp: invalid character class range: `[:foo:]`")),
        ("foo=~\"\\\\Qa.b\\\\E\"", .success(name: "foo", type: .regexp, value: "\\Qa.b\\E")),
        ("foo=~\"\\\\z\"", .success(name: "foo", type: .regexp, value: "\\z")),
        ("foo=~\"a++\"", .failure("error parsing regexp: invalid nested repetition operator: `++`")),
        ("foo=~\"a*?\"", .success(name: "foo", type: .regexp, value: "a*?")),
        ("foo=~\"(?P<n>a)(?P<n>b)\"", .success(name: "foo", type: .regexp, value: "(?P<n>a)(?P<n>b)")),
        ("foo=~\"\\\\b\"", .success(name: "foo", type: .regexp, value: "\\b")),
        ("foo=~\"(?m)^a$\"", .success(name: "foo", type: .regexp, value: "(?m)^a$")),
        ("foo=~\"\\\\x{110000}\"", .failure("error parsing regexp: invalid escape sequence: `\\x{110000`")),
        ("foo=~\"a{,5}\"", .success(name: "foo", type: .regexp, value: "a{,5}")),
        ("foo=~\"\\\\Z\"", .failure("error parsing regexp: invalid escape sequence: `\\Z`")),
        ("foo=~\"(?=a)\"", .failure("error parsing regexp: invalid or unsupported Perl syntax: `(?=`")),
        ("foo=~\"x{2}{3}\"", .failure("error parsing regexp: invalid nested repetition operator: `{2}{3}`")),
        ("foo=~\"\\\\1\"", .failure("error parsing regexp: invalid escape sequence: `\\1`")),
        ("", .failure("bad matcher format: ")),
        ("  ", .failure("bad matcher format:   ")),
        ("foo!bar", .failure("bad matcher format: foo!bar")),
        ("foo~=bar", .failure("bad matcher format: foo~=bar")),
    ]

    static let lists: [(String, ListOutcome)] = [
        ("{foo=\"bar\", baz=~\"q.*\"}", .success("{baz=~\"q.*\",foo=\"bar\"}")),
        ("foo=bar,dings!=bums", .success("{dings!=\"bums\",foo=\"bar\"}")),
        ("{foo = \"bar\", dings != \"bums\", }", .success("{dings!=\"bums\",foo=\"bar\"}")),
        ("{foo=\"a,b\",c=\"d\"}", .success("{c=\"d\",foo=\"a,b\"}")),
        ("{foo=\"a\\\",b\",c=\"d\"}", .success("{c=\"d\",foo=\"a\\\",b\"}")),
        ("{foo=\"bar\"}}", .failure("matcher value contains unescaped double quote: \"bar\"}")),
        ("{{foo=\"bar\"}", .failure("bad matcher format: {foo=\"bar\"")),
        ("{,}", .failure("bad matcher format: ")),
        ("{foo=bar,,baz=q}", .failure("bad matcher format: ")),
        ("{foo=bar}},}", .success("{foo=\"bar}}\"}")),
        ("{foo=,bar=}}", .success("{bar=\"}\",foo=\"\"}")),
        ("{foo=\"bar\\\\\",c=\"d\"}", .success("{c=\"d\",foo=\"bar\\\\\"}")),
        ("a=b, c=d ,  ", .success("{a=\"b\",c=\"d\"}")),
        ("{foo=~\"invalid[regexp\"}", .failure("error parsing regexp: missing closing ]: `[regexp)$`")),
        ("{invalid-name = \"valid label\"}", .failure("bad matcher format: invalid-name = \"valid label\"")),
        ("{foo=bar\\}", .success("{foo=\"bar\\\\\"}")),
        ("{foo=bar\\\\}", .success("{foo=\"bar\\\\\"}")),
        ("{foo=bar\\\"}", .success("{foo=\"bar\\\"\"}")),
        ("{a=\\\"b,c=\"d\"}", .success("{a=\"\\\"b\",c=\"d\"}")),
        ("\"foo=\\\"bar\\\"\"", .failure("bad matcher format: \"foo=\\\"bar\\\"\"")),
        ("{}", .success("{}")),
        ("", .success("{}")),
        ("x=\"y\",", .success("{x=\"y\"}")),
        ("x=\"y\" , ", .success("{x=\"y\"}")),
        ("{foo=~\"a|b|c\", foo=\"a\"}", .success("{foo=\"a\",foo=~\"a|b|c\"}")),
        ("{b=x,a=y,a=~x,a!=x,a!~x}", .success("{a!=\"x\",a=~\"x\",a!~\"x\",a=\"y\",b=\"x\"}")),
    ]
}
