using System.Net.Http.Headers;
using DeepSeek.Observe.Alerting.Delivery;
using DeepSeek.Observe.Alerting.Notifications;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Alerting.Forwarding;

/// <summary>
/// Takes batches off the forwarder's queue and POSTs each to every Alertmanager at once, with a short retry
/// (1 s, 2 s…) per Alertmanager; one slow Alertmanager delays the next batch by at most its attempts' timeouts.
/// </summary>
internal sealed class AlertmanagerForwardingWorker(
    AlertmanagerForwarder forwarder,
    IHttpClientFactory clients,
    IOptions<AlertmanagerForwardingOptions> options,
    TimeProvider time,
    ForwardingInstrumentation metrics,
    ILogger<AlertmanagerForwardingWorker> logger) : BackgroundService
{
    public const string ClientName = "observe-alerting-alertmanager";

    private static readonly MediaTypeHeaderValue s_json = new("application/json");

    /// <summary>Sends one batch taken from the queue; false when the queue was empty.</summary>
    public async Task<bool> ForwardBatchAsync(CancellationToken cancellationToken)
    {
        var batch = new List<PostableAlert>(options.Value.AlertmanagerBatchSize);
        while (batch.Count < options.Value.AlertmanagerBatchSize && forwarder.Reader.TryRead(out var alert))
        {
            batch.Add(alert);
        }

        metrics.QueueLength.Set(forwarder.Reader.Count);
        if (batch.Count == 0)
        {
            return false;
        }

        var body = AlertmanagerPayload.Serialize(batch);
        await Task.WhenAll(options.Value.AlertmanagerUrls.Select(url => PostAsync(url, body, batch.Count, cancellationToken)));
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!forwarder.IsEnabled)
        {
            return;
        }

        var urls = string.Join(", ", options.Value.AlertmanagerUrls);
        ForwardingLog.Started(logger, options.Value.AlertmanagerUrls.Count, urls);
        try
        {
            while (await forwarder.Reader.WaitToReadAsync(stoppingToken))
            {
                while (await ForwardBatchAsync(stoppingToken))
                {
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is still queued is re-sent by the next evaluation after restart.
        }
    }

    private async Task PostAsync(Uri alertmanager, byte[] body, int count, CancellationToken cancellationToken)
    {
        var endpoint = new Uri(alertmanager, alertmanager.AbsolutePath.TrimEnd('/') + "/api/v2/alerts");
        var maxAttempts = options.Value.AlertmanagerMaxAttempts;
        var error = string.Empty;
        for (var attempt = 1; attempt <= maxAttempts; attempt++)
        {
            error = await TryPostAsync(endpoint, body, cancellationToken);
            if (error is null)
            {
                metrics.Sent.WithLabels(alertmanager.ToString()).Inc(count);
                return;
            }

            if (attempt < maxAttempts)
            {
                await Task.Delay(DeliveryBackoff.Delay(attempt, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)), time, cancellationToken);
            }
        }

        metrics.Errors.WithLabels(alertmanager.ToString()).Inc();
        ForwardingLog.Failed(logger, alertmanager.ToString(), count, maxAttempts, error);
    }

    private async Task<string?> TryPostAsync(Uri endpoint, byte[] body, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(options.Value.AlertmanagerTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = s_json;
        request.Headers.UserAgent.Add(WebhookSender.UserAgent);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no response within {options.Value.AlertmanagerTimeout.TotalSeconds:0.###} s";
        }
        catch (HttpRequestException ex)
        {
            return $"request failed: {ex.Message}";
        }
    }
}
