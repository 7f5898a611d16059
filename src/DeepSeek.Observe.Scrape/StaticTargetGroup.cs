namespace DeepSeek.Observe.Scrape;

/// <summary>One <c>static_configs</c> entry: target addresses (host:port, default port added) and their labels.</summary>
public sealed record StaticTargetGroup(IReadOnlyList<string> Targets, IReadOnlyDictionary<string, string> Labels);
