import Foundation
import TocsinConfig
import TocsinTemplate

/// What `tocsin check-config` adds to `amtool check-config`: every template field of every receiver is
/// parsed and executed against amtool's sample data (with the receiver's name), so a broken template is
/// reported when the config is checked rather than when a notification fails (Alertmanager #5322).
public enum TemplateFieldCheck {
    /// One error text per failing field, naming the receiver, the field's path and the template's own
    /// position (`template: :1:12: executing ...`); empty when every field renders.
    public static func check(_ config: AlertmanagerConfig, now: Date = Date()) -> [String] {
        let templates: NotificationTemplates
        do {
            templates = try NotificationTemplates(templateGlobs: config.templates)
        } catch {
            return ["\(error)"]
        }
        var errors: [String] = []
        for receiver in config.receivers {
            // Passed by pointer, as the notifiers pass it.
            var data = TemplateSampleData.amtool(now: now, receiver: receiver.name)
            data.isPassedByValue = false
            for field in receiver.templateFields {
                do {
                    _ = try templates.render(field.text, data: data, html: field.isHTML)
                } catch {
                    errors.append("receiver \"\(receiver.name)\": \(field.path): \(error)")
                }
            }
        }
        return errors
    }
}
