using Microsoft.AspNetCore.Http.HttpResults;

namespace DeepSeek.Observe.Alerting.Delivery;

/// <summary>
/// <c>/api/v1/notifications</c>: what the outbox holds (pending, recently delivered, dead letters) and re-driving a
/// dead letter. Responses use the Prometheus API envelope (<c>status</c>, <c>data</c> / <c>error</c>).
/// </summary>
internal static class NotificationsApi
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/notifications").WithTags("Alerting");
        group.MapGet("/", List)
            .WithName("Notifications")
            .WithSummary("Notifications in the outbox, oldest first; ?state=pending|delivered|dead-lettered narrows the list.");
        group.MapGet("/dead-letters", DeadLetters)
            .WithName("NotificationDeadLetters")
            .WithSummary("Notifications that failed every delivery attempt, kept until re-driven.");
        group.MapPost("/dead-letters/{id}/retry", RetryAsync)
            .WithName("RetryNotificationDeadLetter")
            .WithSummary("Puts a dead letter back in line with a fresh set of attempts.");
        return endpoints;
    }

    internal static Results<JsonHttpResult<ApiEnvelope<IReadOnlyList<NotificationView>>>, BadRequest<ApiEnvelope<object>>> List(
        DurableNotificationOutbox outbox, string? state)
    {
        OutboxState? filter = null;
        if (!string.IsNullOrEmpty(state))
        {
            var match = Enum.GetValues<OutboxState>().Where(s => NotificationView.StateName(s) == state).ToArray();
            if (match.Length == 0)
            {
                return TypedResults.BadRequest(ApiEnvelope<object>.Error($"state: '{state}' is not one of pending, delivered, dead-lettered"));
            }

            filter = match[0];
        }

        return View(outbox.Snapshot(filter));
    }

    internal static JsonHttpResult<ApiEnvelope<IReadOnlyList<NotificationView>>> DeadLetters(DurableNotificationOutbox outbox) =>
        View(outbox.Snapshot(OutboxState.DeadLettered));

    internal static async Task<Results<Accepted<ApiEnvelope<NotificationView>>, NotFound<ApiEnvelope<object>>>> RetryAsync(
        DurableNotificationOutbox outbox, string id, CancellationToken cancellationToken) =>
        await outbox.RetryDeadLetterAsync(id, cancellationToken) is { } retried
            ? TypedResults.Accepted((string?)null, ApiEnvelope<NotificationView>.Success(NotificationView.From(retried)))
            : TypedResults.NotFound(ApiEnvelope<object>.Error($"no dead letter with id '{id}'"));

    private static JsonHttpResult<ApiEnvelope<IReadOnlyList<NotificationView>>> View(IReadOnlyList<OutboxRecord> records) =>
        TypedResults.Json(ApiEnvelope<IReadOnlyList<NotificationView>>.Success([.. records.Select(NotificationView.From)]));
}
