using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace DeepSeek.Observe.Testing;

/// <summary>
/// A real HTTP webhook receiver on loopback (Kestrel), for alert notifications from the platform or Alertmanager:
/// records every request's exact body and headers and answers with the status <see cref="Respond"/> picks for the
/// n-th request (1-based).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _count;

    private WebhookReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    /// <summary>Status for the n-th request; 200 unless a test says otherwise.</summary>
    public Func<int, int> Respond { get; set; } = _ => StatusCodes.Status200OK;

    /// <summary>Requests answered 2xx, i.e. deliveries.</summary>
    public IReadOnlyList<ReceivedRequest> Accepted => [.. Requests.Where(r => r.Status is >= 200 and < 300)];

    public static async Task<WebhookReceiver> StartAsync(string path = "/hook")
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, new Uri($"http://127.0.0.1:{port}{path}"));
        app.MapPost(path, receiver.HandleAsync);
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var status = Respond(Interlocked.Increment(ref _count));
        Requests.Enqueue(new ReceivedRequest(
            buffer.ToArray(),
            request.ContentType,
            request.Headers.UserAgent.ToString(),
            request.Headers["Idempotency-Key"].ToString(),
            request.Headers["X-Observe-Signature"].FirstOrDefault(),
            status));
        return Results.StatusCode(status);
    }
}

/// <summary>One request as the receiver saw it.</summary>
public sealed record ReceivedRequest(byte[] Body, string? ContentType, string UserAgent, string IdempotencyKey, string? Signature, int Status);
