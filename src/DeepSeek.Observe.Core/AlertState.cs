using System.Text.Json.Serialization;

namespace DeepSeek.Observe.Core;

/// <summary>Where an alert instance is in its life: Prometheus's pending/firing, plus resolved for notifications.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertState>))]
public enum AlertState
{
    /// <summary>The expression holds but has not held for the rule's <c>for</c> duration yet.</summary>
    Pending,

    /// <summary>The expression has held for <c>for</c>; notifications go out.</summary>
    Firing,

    /// <summary>The expression stopped holding (after <c>keep_firing_for</c>).</summary>
    Resolved,
}
