extension Receiver {
    /// How many integrations (one per `*_configs` entry) the receiver has.
    public var integrationCount: Int {
        discordConfigs.count + emailConfigs.count + pagerdutyConfigs.count + slackConfigs.count + webhookConfigs.count
            + opsGenieConfigs.count + wechatConfigs.count + pushoverConfigs.count + victorOpsConfigs.count + snsConfigs.count
            + telegramConfigs.count + webexConfigs.count + msTeamsConfigs.count
    }
}

extension AlertmanagerConfig {
    /// The receivers some route names, in config order: Alertmanager builds only these
    /// ("skipping creation of receiver not referenced by any route") and counts only these in
    /// `alertmanager_receivers` and `alertmanager_integrations`.
    public var activeReceivers: [Receiver] {
        var referenced: Set<String> = []
        func visit(_ route: RouteConfig) {
            referenced.insert(route.receiver)
            route.routes.forEach(visit)
        }
        visit(route)
        return receivers.filter { referenced.contains($0.name) }
    }
}
