import Synchronization
import TocsinConfig

/// The templates of the configuration in force, parsed once per configuration rather than once per job.
///
/// Alertmanager parses its default templates and the `templates:` files when it loads a configuration, and
/// uses them until the next load; this does the same. Parsing every default file for every job cost more
/// than the delivery itself (a burst of 1,000 new groups went out at about 8 a second).
public final class NotificationTemplatesCache: Sendable {
    private struct Entry {
        var configText: String
        var templateGlobs: [String]
        var templates: NotificationTemplates
    }

    private let entry = Mutex<Entry?>(nil)

    public init() {}

    /// The templates for `config`, parsed now if `config` differs from the last one asked for.
    public func templates(for config: AlertmanagerConfig) throws(NotifyFailure) -> NotificationTemplates {
        if let cached = entry.withLock({ $0 }), cached.configText == config.originalText, cached.templateGlobs == config.templates {
            return cached.templates
        }
        let templates = try NotificationTemplates(templateGlobs: config.templates)
        entry.withLock { $0 = Entry(configText: config.originalText, templateGlobs: config.templates, templates: templates) }
        return templates
    }
}
