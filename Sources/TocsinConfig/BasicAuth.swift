import Yams

/// `basic_auth`: a user name with a password given inline or in a file.
public struct BasicAuth: Sendable, Hashable {
    /// The user name.
    public var username = ""
    /// The password, if given inline.
    public var password = Secret("")
    /// The file holding the password, read at request time.
    public var passwordFile = ""

    static func decode(_ node: Node, _ decoder: StrictDecoder) throws(ConfigError) -> BasicAuth {
        var auth = BasicAuth()
        try decoder.fields(node, "config.plain") { (key, value) throws(ConfigError) in
            switch key {
            case "username": auth.username = decoder.string(value) ?? auth.username
            case "password": auth.password = decoder.string(value, "config.plain").map(Secret.init) ?? auth.password
            case "password_file": auth.passwordFile = decoder.string(value) ?? auth.passwordFile
            default: return false
            }
            return true
        }
        return auth
    }

    var rendered: YAMLRender {
        var out = YAMLRender()
        out.string("username", username, omitEmpty: false)
        out.secret("password", password)
        out.string("password_file", passwordFile)
        return out
    }
}
