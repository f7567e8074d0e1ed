import Foundation
import TocsinTemplate

/// The data `amtool template render` renders with when no `--template.data` is given (cli/template_render.go
/// `defaultData`), which `tocsin check-config` also test-renders receivers' templates against.
public enum TemplateSampleData {
    /// amtool's two sample alerts, started 5 and 10 minutes before `now` and ending at `now`, passed by value
    /// as amtool passes them. (Go would also print the times' monotonic clock reading, `m=-299.98`, which
    /// differs on every run; Tocsin's times have none.)
    public static func amtool(now: Date, receiver: String = "receiver") -> TemplateData {
        let seconds = now.timeIntervalSince1970.rounded(.down)
        let end = GoTime(seconds: Int64(seconds), nanoseconds: Int32((now.timeIntervalSince1970 - seconds) * 1e9))
        var data = TemplateData(
            receiver: receiver,
            status: "alertstatus",
            alerts: TemplateAlerts([
                TemplateAlert(
                    status: "alertstatus",
                    labels: KV([
                        "label1": "value1", "label2": "value2", "instance": "foo.bar:1234",
                        "commonlabelkey1": "commonlabelvalue1", "commonlabelkey2": "commonlabelvalue2",
                    ]),
                    annotations: KV([
                        "annotation1": "value1", "annotation2": "value2",
                        "commonannotationkey1": "commonannotationvalue1", "commonannotationkey2": "commonannotationvalue2",
                    ]),
                    startsAt: end.adding(nanoseconds: -5 * 60 * 1_000_000_000), endsAt: end,
                    generatorURL: "https://generatorurl.com", fingerprint: "fingerprint1"),
                TemplateAlert(
                    status: "alertstatus",
                    labels: KV([
                        "foo": "bar", "baz": "qux", "commonlabelkey1": "commonlabelvalue1",
                        "commonlabelkey2": "commonlabelvalue2",
                    ]),
                    annotations: KV([
                        "aaa": "bbb", "ccc": "ddd", "commonannotationkey1": "commonannotationvalue1",
                        "commonannotationkey2": "commonannotationvalue2",
                    ]),
                    startsAt: end.adding(nanoseconds: -10 * 60 * 1_000_000_000), endsAt: end,
                    generatorURL: "https://generatorurl.com", fingerprint: "fingerprint2"),
            ]),
            groupLabels: KV(["grouplabelkey1": "grouplabelvalue1", "grouplabelkey2": "grouplabelvalue2"]),
            commonLabels: KV(["commonlabelkey1": "commonlabelvalue1", "commonlabelkey2": "commonlabelvalue2"]),
            commonAnnotations: KV([
                "commonannotationkey1": "commonannotationvalue1", "commonannotationkey2": "commonannotationvalue2",
            ]),
            externalURL: "https://example.com")
        data.isPassedByValue = true
        return data
    }
}
