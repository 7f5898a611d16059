namespace DeepSeek.Observe.Alerting.Notifications.Config;

/// <summary>A named receiver; only webhooks are delivered by the platform. A receiver with none is a valid sink.</summary>
public sealed record ReceiverConfig(string Name, IReadOnlyList<WebhookEndpoint> Webhooks);
