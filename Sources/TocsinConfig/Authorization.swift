import Yams

/// `authorization`: a `type` (default `Bearer`) and credentials inline or in a file.
public struct Authorization: Sendable, Hashable {
    /// The scheme put before the credentials in the `Authorization` header.
    public var type = ""
    /// The credentials, if inline.
    public var credentials = Secret("")
    /// The file holding the credentials, read at request time.
    public var credentialsFile = ""

    init(type: String = "", credentials: Secret = Secret(""), credentialsFile: String = "") {
        self.type = type
        self.credentials = credentials
        self.credentialsFile = credentialsFile
    }

    static func decode(_ node: Node, _ decoder: StrictDecoder) throws(ConfigError) -> Authorization {
        var auth = Authorization()
        try decoder.fields(node, "config.Authorization") { (key, value) throws(ConfigError) in
            switch key {
            case "type": auth.type = decoder.string(value) ?? auth.type
            case "credentials": auth.credentials = decoder.string(value, "config.plain").map(Secret.init) ?? auth.credentials
            case "credentials_file": auth.credentialsFile = decoder.string(value) ?? auth.credentialsFile
            default: return false
            }
            return true
        }
        return auth
    }

    var rendered: YAMLRender {
        var out = YAMLRender()
        out.string("type", type)
        out.secret("credentials", credentials)
        out.string("credentials_file", credentialsFile)
        return out
    }
}
