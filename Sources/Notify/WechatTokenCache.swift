import Foundation

/// WeChat access tokens, kept between notifications as Alertmanager's wechat notifier keeps its token:
/// reused for two hours, dropped when WeChat answers that it expired (42001).
///
/// One cache serves a notifier; entries are keyed by everything that selects a token (receiver, config
/// index, API URL, corp id and secret), so a changed config fetches a new one.
public actor WechatTokenCache {
    /// What a token belongs to.
    public struct Key: Hashable, Sendable {
        public var receiver: String
        public var index: Int
        public var apiURL: String
        public var corpID: String
        public var secret: String
    }

    /// How long a token is reused.
    public static let lifetime: TimeInterval = 2 * 3600

    private var tokens: [Key: (token: String, fetched: Date)] = [:]

    public init() {}

    /// The token for `key` if one was fetched at most `lifetime` before `now`.
    public func token(for key: Key, now: Date) -> String? {
        guard let entry = self.tokens[key], now.timeIntervalSince(entry.fetched) <= Self.lifetime else { return nil }
        return entry.token
    }

    /// Keeps `token` for `key`, fetched at `now`.
    public func store(_ token: String, for key: Key, now: Date) {
        self.tokens[key] = (token, now)
    }

    /// Forgets the token for `key` (WeChat said it expired).
    public func invalidate(_ key: Key) {
        self.tokens[key] = nil
    }
}
