import Testing
import TocsinTemplate

@Suite("TemplateData is assembled like Alertmanager's Template.Data")
struct TemplateDataTests {
    private func alert(_ status: String, _ labels: [String: String], _ annotations: [String: String] = [:])
        -> TemplateAlert
    {
        TemplateAlert(
            status: status, labels: KV(labels), annotations: KV(annotations), startsAt: .zero, endsAt: .zero,
            generatorURL: "", fingerprint: "")
    }

    @Test("common labels and annotations are those equal in every alert")
    func commonLabels() {
        let data = TemplateData(
            receiverName: "r", groupLabels: ["a": "1"],
            alerts: [
                alert("resolved", ["a": "1", "b": "2", "c": "3"], ["s": "x"]),
                alert("firing", ["a": "1", "b": "9", "c": "3"], ["s": "y"]),
            ], externalURL: "http://am")
        #expect(data.commonLabels.entries == ["a": "1", "c": "3"])
        #expect(data.commonAnnotations.entries.isEmpty)
        #expect(data.status == "firing")
        #expect(data.alerts.firing.count == 1)
        #expect(data.alerts.resolved.count == 1)
    }

    @Test("no alerts means resolved and no common labels")
    func empty() {
        let data = TemplateData(receiverName: "r", groupLabels: [:], alerts: [], externalURL: "")
        #expect(data.status == "resolved")
        #expect(data.commonLabels.entries.isEmpty)
    }

    @Test("the receiver name is regex-quoted as Alertmanager does")
    func quotedReceiver() {
        #expect(TemplateData.quoteMeta("team-X.hook (a|b)") == #"team-X\.hook \(a\|b\)"#)
        #expect(TemplateData(receiverName: "a.b", groupLabels: [:], alerts: [], externalURL: "").receiver == #"a\.b"#)
    }
}
