/// The prefix every HTTP route is served under: `--web.route-prefix`, or the path of `--web.external-url` when
/// the flag is not given, normalised as Alertmanager does (`"/" + strings.Trim(prefix, "/")`). Returned
/// without a trailing slash, "" for the root, ready to be put in front of `/api/v2/...`.
public enum RoutePrefix {
    public static func resolve(routePrefix: String?, externalURL: String) -> String {
        let raw = routePrefix ?? Self.path(of: externalURL)
        let trimmed = raw.drop { $0 == "/" }.reversed().drop { $0 == "/" }.reversed()
        return trimmed.isEmpty ? "" : "/" + String(trimmed)
    }

    /// The path of an absolute URL (`http://host:9093/am/?x` → `/am/`).
    static func path(of url: String) -> String {
        var rest = Substring(url)
        let separator = Array("://")
        let characters = Array(rest)
        if let schemeEnd = (0..<max(0, characters.count - 2)).first(where: { Array(characters[$0..<$0 + 3]) == separator }) {
            rest = rest.dropFirst(schemeEnd + 3)
            guard let slash = rest.firstIndex(of: "/") else { return "" }
            rest = rest[slash...]
        }
        if let end = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            rest = rest[..<end]
        }
        return String(rest)
    }
}
