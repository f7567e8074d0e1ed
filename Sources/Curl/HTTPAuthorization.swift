/// The credentials an `http_config` attaches to every request.
///
/// Alertmanager allows at most one of `basic_auth`, `authorization` and `bearer_token`; this type
/// makes the other combinations unrepresentable. `bearer_token: x` is `.authorization(type:
/// "Bearer", credentials: x)`. Reading `password_file` / `credentials_file` is the caller's job, done
/// before each request as prometheus/common does, so a rotated secret is used at once.
public enum HTTPAuthorization: Sendable, Hashable {
    /// `Authorization: Basic base64(username:password)`, sent preemptively.
    case basic(username: String, password: String)
    /// `Authorization: <type> <credentials>`, e.g. type `Bearer`.
    case authorization(type: String, credentials: String)
}
