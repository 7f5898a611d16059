namespace DeepSeek.Observe.Simulation.Tests;

/// <summary>An HTTP server stand-in for the sinks' tests: answers each request with <c>respond</c> and records what it got.</summary>
internal sealed class ScriptedHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
{
    public List<ScriptedRequest> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        lock (Requests)
        {
            Requests.Add(new ScriptedRequest(request.RequestUri, request.Content.Headers.ContentType?.MediaType, [.. request.Content.Headers.ContentEncoding], body));
        }

        return respond(request);
    }

    /// <summary>Polls <paramref name="condition"/> for up to 30 s (a background send reaching a state).</summary>
    public static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 3000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "condition not reached within 30 s");
    }
}

internal sealed record ScriptedRequest(Uri? Uri, string? ContentType, IReadOnlyList<string> ContentEncoding, byte[] Body);
