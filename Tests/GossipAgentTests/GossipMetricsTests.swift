import GossipAgent
import Testing
import TocsinDaemon

@Suite struct GossipMetricsTests {
    @Test func rendersAlertmanagersFamilies() {
        let metrics = GossipMetrics()
        metrics.update(name: "01NODE", members: 3, healthScore: 1, position: 2)
        metrics.received(.update, bytes: 100)
        metrics.sent(.fullState, bytes: 14)
        metrics.update(failedPeers: 1)
        metrics.joinAttempted(.reconnect, succeeded: false)
        var out = PrometheusExposition()
        metrics.render(into: &out)
        let text = out.text
        #expect(text.contains("# HELP alertmanager_cluster_members Number indicating current number of members in cluster.\n"))
        #expect(text.contains("alertmanager_cluster_members 3\n"))
        #expect(text.contains("alertmanager_cluster_health_score 1\n"))
        #expect(text.contains("alertmanager_peer_position 2\n"))
        #expect(text.contains("alertmanager_cluster_peer_info{peer=\"01NODE\"} 1\n"))
        #expect(text.contains("alertmanager_cluster_messages_received_total{msg_type=\"update\"} 1\n"))
        #expect(text.contains("alertmanager_cluster_messages_received_size_total{msg_type=\"update\"} 100\n"))
        #expect(text.contains("alertmanager_cluster_messages_sent_total{msg_type=\"full_state\"} 1\n"))
        #expect(text.contains("alertmanager_cluster_messages_sent_total{msg_type=\"update\"} 0\n"))
        #expect(text.contains("alertmanager_cluster_failed_peers 1\n"))
        #expect(text.contains("alertmanager_cluster_reconnections_total 1\n"))
        #expect(text.contains("alertmanager_cluster_reconnections_failed_total 1\n"))
    }
}
