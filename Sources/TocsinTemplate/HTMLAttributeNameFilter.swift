/// html/template's `htmlNameFilter`, for an action where an attribute name goes: only a non-empty name of
/// ASCII letters and digits with no special meaning passes (lower-cased); anything that could start script,
/// style or a URL, or change the element's behaviour, becomes `ZgotmplZ`.
enum HTMLAttributeNameFilter {
    static func filter(_ s: String) -> String {
        guard !s.isEmpty else { return "ZgotmplZ" }
        let name = s.lowercased()
        guard HTMLContext.attrKind(name) == .plain else { return "ZgotmplZ" }
        for b in name.utf8 where !((b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A)) { return "ZgotmplZ" }
        return name
    }
}
