import Logging
import Testing
@testable import TocsinLogging

@Suite struct LogLineEncoderTests {
    @Test func logfmtQuotesOnlyWhatGoLogfmtQuotes() {
        let line = LogLineEncoder(format: .logfmt).encode([
            ("ts", "2026-11-25T00:34:32.550Z"),
            ("level", "info"),
            ("msg", "Starting Alertmanager"),
            ("file", "am.yml"),
            ("empty", ""),
            ("eq", "a=b"),
            ("quote", "say \"hi\"\n"),
            ("null", "null"),
        ])
        #expect(line == #"ts=2026-11-25T00:34:32.550Z level=info msg="Starting Alertmanager" file=am.yml empty= eq="a=b" quote="say \"hi\"\n" null="null""#)
    }

    @Test func jsonSortsKeysAndEscapesLikeEncodingJSON() {
        let line = LogLineEncoder(format: .json).encode([
            ("ts", "t"), ("msg", "a <b> & \"c\""), ("caller", "x.go:1"), ("level", "warn"),
        ])
        #expect(line == #"{"caller":"x.go:1","level":"warn","msg":"a \u003cb\u003e \u0026 \"c\"","ts":"t"}"#)
    }

    @Test func handlerPutsContextBeforeMessageAndCallMetadataAfter() {
        var handler = AlertmanagerLogHandler(format: .logfmt, level: .info)
        handler[metadataKey: "component"] = "configuration"
        let event = LogEvent(
            level: .warning,
            message: "Loading configuration file",
            metadata: ["file": "am.yml"],
            source: "test",
            file: "Sources/TocsinConfig/Coordinator.swift",
            function: "load()",
            line: 113
        )
        let fields = handler.fields(for: event, now: Timestamp(secondsSinceEpoch: 1_795_912_472, milliseconds: 55))
        #expect(fields.map(\.key) == ["ts", "caller", "level", "component", "msg", "file"])
        #expect(fields.map(\.value) == ["2026-11-29T00:34:32.055Z", "Coordinator.swift:113", "warn", "configuration", "Loading configuration file", "am.yml"])
    }

    @Test func levelsMapToAlertmanagerNames() {
        #expect(Logger.Level.notice.alertmanagerName == "info")
        #expect(Logger.Level.critical.alertmanagerName == "error")
        #expect(LogLevel.warn.threshold == .warning)
    }
}
