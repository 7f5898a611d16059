using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Alerting.Delivery;

/// <summary>
/// One webhook attempt: POSTs the stored body with its idempotency key and signature, within the per-request
/// timeout. Returns null on 2xx, else why it failed; every failure is retried by the schedule, as Alertmanager's
/// webhook notifier retries, and ends as a visible dead letter rather than a guess about which errors are final.
/// </summary>
internal sealed class WebhookSender(IHttpClientFactory clients, WebhookSigner signer, IOptions<NotificationDeliveryOptions> options, TimeProvider time)
{
    public const string ClientName = "observe-alerting-webhooks";

    /// <summary>The header carrying the notification's idempotency key, the same on every attempt.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static readonly ProductInfoHeaderValue UserAgent =
        new("DeepSeek.Observe", typeof(WebhookSender).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    private static readonly MediaTypeHeaderValue s_json = new("application/json");

    public async Task<string?> SendAsync(OutboxRecord record, CancellationToken cancellationToken)
    {
        var timeout = options.Value.WebhookTimeout;
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, record.Url) { Content = new ByteArrayContent(record.Body) };
        request.Content.Headers.ContentType = s_json;
        request.Headers.UserAgent.Add(UserAgent);
        request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, record.IdempotencyKey);
        if (signer.Sign(record.Body) is { } signature)
        {
            request.Headers.TryAddWithoutValidation(WebhookSigner.SignatureHeader, signature);
        }

        try
        {
            using var response = await clients.CreateClient(ClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no response within {timeout.TotalSeconds:0.###} s";
        }
        catch (HttpRequestException ex)
        {
            return $"request failed: {ex.Message}";
        }
    }
}
