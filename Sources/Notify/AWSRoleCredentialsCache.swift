import Foundation

/// Temporary credentials from STS `AssumeRole`, kept between notifications until shortly before they
/// expire, so an SNS receiver with `sigv4.role_arn` does not call STS for every notification.
///
/// Alertmanager builds a new SNS client per notification and so assumes the role each time; reusing the
/// credentials while they are valid signs the same Publish calls with fewer STS calls. Entries are keyed
/// by everything that selects the credentials, so a changed config assumes the role anew.
public actor AWSRoleCredentialsCache {
    /// What temporary credentials belong to.
    struct Key: Hashable, Sendable {
        var roleARN: String
        var base: AWSCredentials
        var endpoint: STSAssumeRole.Endpoint
    }

    /// How long before their expiration credentials are replaced, so a Publish signed with them still
    /// arrives while they are valid.
    public static let refreshBefore: TimeInterval = 60

    private var sessions: [Key: STSAssumeRole.Session] = [:]

    public init() {}

    /// Credentials for `key` valid for at least `refreshBefore` after `now`.
    func credentials(for key: Key, now: Date) -> AWSCredentials? {
        guard let session = self.sessions[key], session.expiration.timeIntervalSince(now) > Self.refreshBefore else { return nil }
        return session.credentials
    }

    /// Keeps `session` for `key`, dropping entries that expired.
    func store(_ session: STSAssumeRole.Session, for key: Key, now: Date) {
        self.sessions = self.sessions.filter { $0.value.expiration > now }
        self.sessions[key] = session
    }
}
