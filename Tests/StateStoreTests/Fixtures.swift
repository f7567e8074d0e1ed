import Foundation
import StateStore
import TocsinModel

/// Builders shared by the tests.
enum Fixtures {
    static func matcher(_ name: String, _ type: MatchType = .equal, _ value: String) -> Matcher {
        // Test patterns are valid by construction.
        try! Matcher(name: name, type: type, value: value)
    }

    static func silence(
        id: String = "", matchers: [Matcher], startsAt: Date, endsAt: Date, createdBy: String = "tester",
        comment: String = "test"
    ) -> Silence {
        Silence(
            id: id, matchers: Matchers(matchers), startsAt: startsAt, endsAt: endsAt, updatedAt: startsAt,
            createdBy: createdBy, comment: comment)
    }

    static func store(
        _ directory: TemporaryDirectory, clock: ManualClock, retention: TimeInterval = 120 * 3600,
        limits: SilenceLimits = SilenceLimits()
    ) throws -> StateStore {
        try StateStore(
            configuration: StateStoreConfiguration(
                directory: directory.path, retention: retention, silenceLimits: limits, clock: clock))
    }
}
