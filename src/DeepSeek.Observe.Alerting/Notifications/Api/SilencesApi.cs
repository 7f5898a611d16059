using DeepSeek.Observe.Alerting.Notifications.Matching;
using DeepSeek.Observe.Alerting.Notifications.Silences;

namespace DeepSeek.Observe.Alerting.Notifications.Api;

/// <summary><c>/api/v2/silences</c> and <c>/api/v2/silence/{id}</c> in Alertmanager's shapes.</summary>
internal static class SilencesApi
{
    public static async Task<IResult> PostAsync(HttpRequest request, SilenceStore silences, CancellationToken cancellationToken)
    {
        var (document, error) = await ApiBody.ReadAsync(request, cancellationToken);
        using (document)
        {
            if (document is null)
            {
                return ApiBody.BadRequest(error!);
            }

            if (!PostableSilenceReader.TryRead(document.RootElement, out var silence, out error))
            {
                return ApiBody.BadRequest(error!);
            }

            var result = silences.Set(silence.Id, silence.Matchers, silence.StartsAt, silence.EndsAt, silence.CreatedBy, silence.Comment);
            return result switch
            {
                { Id: { } id } => TypedResults.Ok(new SilenceCreated(id)),
                { IsNotFound: true } => TypedResults.Json(result.Error, statusCode: StatusCodes.Status404NotFound),
                { IsFull: true } => TypedResults.Json(result.Error, statusCode: StatusCodes.Status429TooManyRequests),
                _ => ApiBody.BadRequest($"silence invalid: {result.Error}"),
            };
        }
    }

    public static IResult List(HttpRequest request, SilenceStore silences, TimeProvider time)
    {
        if (!AlertsApi.TryFilter(request.Query["filter"], out var filter, out var error))
        {
            return ApiBody.BadRequest(error!);
        }

        var now = time.GetUtcNow();
        // Alertmanager's order: active ones ending soonest first, then pending ones starting soonest, then expired
        // ones, most recently ended first.
        var list = silences.List()
            .Where(s => MatchesFilter(s, filter))
            .OrderBy(s => s.State(now) switch { SilenceState.Active => 0, SilenceState.Pending => 1, _ => 2 })
            .ThenBy(s => s.State(now) switch
            {
                SilenceState.Active => s.EndsAt.UtcTicks,
                SilenceState.Pending => s.StartsAt.UtcTicks,
                _ => -s.EndsAt.UtcTicks,
            })
            .Select(s => ToGettable(s, now))
            .ToList();
        return TypedResults.Json(list);
    }

    public static IResult Get(string id, SilenceStore silences, TimeProvider time)
    {
        if (!Guid.TryParse(id, out _))
        {
            return ApiBody.BadRequest($"silenceID in path must be a UUID: \"{id}\"");
        }

        return silences.Get(id) is { } silence
            ? TypedResults.Json(ToGettable(silence, time.GetUtcNow()))
            : TypedResults.Json("silence not found", statusCode: StatusCodes.Status404NotFound);
    }

    public static IResult Delete(string id, SilenceStore silences)
    {
        if (!Guid.TryParse(id, out _))
        {
            return ApiBody.BadRequest($"silenceID in path must be a UUID: \"{id}\"");
        }

        return silences.Expire(id) switch
        {
            ExpireResult.Expired => TypedResults.Ok(),
            ExpireResult.NotFound => TypedResults.Json("silence not found", statusCode: StatusCodes.Status404NotFound),
            _ => ApiBody.BadRequest($"silence {id} already expired"),
        };
    }

    private static GettableSilence ToGettable(Silence silence, DateTimeOffset now) => new(
        silence.Id,
        new SilenceStatus(silence.State(now).ToString().ToLowerInvariant()),
        ApiTime.Format(silence.UpdatedAt),
        silence.Comment,
        silence.CreatedBy,
        ApiTime.Format(silence.EndsAt),
        [.. silence.Matchers.Select(m => new ApiMatcher(m.IsEqual, m.IsRegex, m.Name, m.Value))],
        ApiTime.Format(silence.StartsAt));

    // A filter selects silences that have a matcher on each filtered label whose value the filter accepts.
    private static bool MatchesFilter(Silence silence, IReadOnlyList<Matcher> filter) =>
        filter.All(f => silence.Matchers.Any(m => m.Name == f.Name && f.Matches(m.Value)));
}
