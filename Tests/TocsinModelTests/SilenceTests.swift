import Foundation
import Testing
import TocsinModel

@Suite struct SilenceTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    func silence(_ matchers: Matchers, id: String = "id", start: TimeInterval = -10, end: TimeInterval = 10) -> Silence
    {
        Silence(
            id: id, matchers: matchers, startsAt: now.addingTimeInterval(start), endsAt: now.addingTimeInterval(end),
            updatedAt: now, createdBy: "me", comment: "c")
    }

    @Test func stateFollowsGetStateWithInclusiveEnds() throws {
        let s = silence(try Matchers(parsing: "a=b"), start: 0, end: 60)
        #expect(s.state(at: now.addingTimeInterval(-1)) == .pending)
        #expect(s.state(at: now) == .active)
        #expect(s.state(at: now.addingTimeInterval(60)) == .active)
        #expect(s.state(at: now.addingTimeInterval(61)) == .expired)
        #expect(SilenceState.active.rawValue == "active")
    }

    @Test func mutesOnlyWhileActiveAndMatching() throws {
        let s = silence(try Matchers(parsing: #"{alertname="A", env=~"prod|stage"}"#))
        #expect(s.mutes(["alertname": "A", "env": "prod"], at: now))
        #expect(!s.mutes(["alertname": "A", "env": "dev"], at: now))
        #expect(!s.mutes(["alertname": "A", "env": "prod"], at: now.addingTimeInterval(11)))
    }

    @Test func validationMessages() throws {
        func message(_ s: Silence) -> String? {
            do {
                try s.validate()
                return nil
            } catch {
                return error.description
            }
        }
        #expect(message(silence(try Matchers(parsing: "a=b"))) == nil)
        #expect(message(silence(try Matchers(parsing: "a=b"), id: "")) == "ID missing")
        #expect(message(silence(Matchers())) == "at least one matcher required")
        #expect(
            message(silence(try Matchers(parsing: "a=b, foo:bar=x")))
                == #"invalid label matcher 1: invalid label name "foo:bar""#)
        #expect(
            message(silence(try Matchers(parsing: #"a="", b=~".*""#)))
                == "at least one matcher must not match the empty string")
        #expect(message(silence(try Matchers(parsing: #"a!="x""#))) == nil)
        #expect(
            message(silence(try Matchers(parsing: "a=b"), start: 10, end: -10))
                == "end time must not be before start time")
        #expect(
            message(silence(try Matchers(parsing: #"a=~"a)|(b""#)))
                == "invalid label matcher 0: invalid regular expression \"a)|(b\": error parsing regexp: unexpected ): `a)|(b`"
        )
    }
}
