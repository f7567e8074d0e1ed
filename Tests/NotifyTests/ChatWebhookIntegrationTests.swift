import Foundation
import Testing
import TocsinConfig

@testable import Notify

/// Discord, Webex and MS Teams: one JSON POST each.
@Suite struct ChatWebhookIntegrationTests {
    @Test func discordColoursByStatusAndSends025sUncutTexts() throws {
        let receiver = try IntegrationTestKit.receiver(
            "  discord_configs:\n  - webhook_url: http://127.0.0.1:1/d\n    title: '\(String(repeating: "t", count: 300))'\n    message: '<m>'\n"
        )
        let discord = DiscordIntegration(
            config: try #require(receiver.discordConfigs.first), index: 0, environment: try IntegrationTestKit.environment())
        let gone = resolved("A", at: Date().addingTimeInterval(-1))
        let request = try discord.request(for: [gone], of: IntegrationTestKit.job([gone]))
        #expect(request.url == "http://127.0.0.1:1/d")
        #expect(
            IntegrationTestKit.text(request)
                == #"{"content":"","embeds":[{"title":"\#(String(repeating: "t", count: 300))","description":"\u003cm\u003e","color":3066993}]}"#
                + "\n")
    }

    @Test func webexCutsAt7439BytesWithoutSplittingACharacter() throws {
        let receiver = try IntegrationTestKit.receiver(
            "  webex_configs:\n  - api_url: http://127.0.0.1:1/w\n    room_id: r\n    message: '\(String(repeating: "é", count: 4000))'\n"
                + "    http_config: {authorization: {credentials: t}}\n")
        let webex = WebexIntegration(
            config: try #require(receiver.webexConfigs.first), index: 0, environment: try IntegrationTestKit.environment())
        let request = try webex.request(for: [firing("A")], of: IntegrationTestKit.job([firing("A")]))
        // 7436 bytes of room before the marker hold 3718 "é".
        #expect(IntegrationTestKit.text(request) == #"{"markdown":"\#(String(repeating: "é", count: 3718))…","roomId":"r"}"# + "\n")
    }

    /// The MessageCard Alertmanager 0.26 posts (notify/msteams: `@context`, `type`, `title`, `text`,
    /// `themeColor` 8C1A1A firing, 2DC72D resolved).
    @Test func msteamsPostsAlertmanager026sMessageCard() throws {
        let receiver = try IntegrationTestKit.receiver(
            "  msteams_configs:\n  - webhook_url: http://127.0.0.1:1/teams\n    title: '{{ .Status }} & co'\n    text: \"a\\nb\"\n")
        let teams = MSTeamsIntegration(
            config: try #require(receiver.msTeamsConfigs.first), index: 0, environment: try IntegrationTestKit.environment())
        let request = try teams.request(for: [firing("A")], of: IntegrationTestKit.job([firing("A")]))
        #expect(request.method == "POST")
        #expect(request.url == "http://127.0.0.1:1/teams")
        #expect(request.headers["Content-Type"] == "application/json")
        #expect(request.headers["User-Agent"] == "Alertmanager/0.25.0")
        #expect(
            IntegrationTestKit.text(request)
                == #"{"@context":"http://schema.org/extensions","type":"MessageCard","title":"firing \u0026 co","text":"a\nb","themeColor":"8C1A1A"}"#
                + "\n")
        let gone = resolved("A", at: Date().addingTimeInterval(-1))
        #expect(
            IntegrationTestKit.text(try teams.request(for: [gone], of: IntegrationTestKit.job([gone]))).contains(#""themeColor":"2DC72D""#))
    }

    /// With no texts configured, MS Teams renders 0.26's `msteams.default.title` (the `__subject` line)
    /// and `msteams.default.text` (a markdown alert list).
    @Test func msteamsDefaultsAreAlertmanager026sTexts() throws {
        let receiver = try IntegrationTestKit.receiver("  msteams_configs:\n  - webhook_url: http://127.0.0.1:1/teams\n")
        let teams = MSTeamsIntegration(
            config: try #require(receiver.msTeamsConfigs.first), index: 0, environment: try IntegrationTestKit.environment())
        let body = try teams.request(for: [firing("A")], of: IntegrationTestKit.job([firing("A")])).body
        let card = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: String])
        #expect(card["title"] == "[FIRING:1] A (a)")
        #expect(card["text"]?.contains("# Alerts Firing:") == true)
        #expect(card["text"]?.contains("alertname = A") == true)
    }
}
