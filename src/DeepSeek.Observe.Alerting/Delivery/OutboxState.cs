namespace DeepSeek.Observe.Alerting.Delivery;

/// <summary>Where a notification stands in the outbox.</summary>
public enum OutboxState
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending,

    /// <summary>A receiver answered 2xx; kept (without its body) to recognise a repeat of its idempotency key.</summary>
    Delivered,

    /// <summary>Every attempt failed; kept, listed and re-drivable until an operator retries it.</summary>
    DeadLettered,
}
