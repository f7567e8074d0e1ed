/// The credentials of an email receiver (`auth_username`, `auth_password`, `auth_identity`,
/// `auth_secret`).
///
/// libcurl picks the mechanism among those the server advertises; which ones are allowed follows
/// from what is set: a password allows PLAIN and LOGIN (PLAIN carrying `identity` as the
/// authorization identity), a secret alone allows CRAM-MD5. libcurl takes one password per
/// transfer, so when both are set the password (PLAIN/LOGIN) is used.
public struct SMTPAuthentication: Sendable, Hashable {
    /// `auth_username`; empty disables authentication.
    public var username: String
    /// `auth_password`, for PLAIN and LOGIN.
    public var password: String
    /// `auth_identity`, the PLAIN authorization identity (empty: act as ``username``).
    public var identity: String
    /// `auth_secret`, the CRAM-MD5 shared secret.
    public var secret: String

    /// Makes credentials; an empty username means no authentication, as in Alertmanager.
    public init(username: String, password: String = "", identity: String = "", secret: String = "") {
        self.username = username
        self.password = password
        self.identity = identity
        self.secret = secret
    }
}
